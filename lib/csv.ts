// CSV for the exports: cells that are safe to open in a spreadsheet, streamed as a download.
// A cell a spreadsheet would run as a formula starts with one of these — also after leading spaces, and
// in their full-width forms (＝ ＋ － ＠), which some spreadsheets read as the ASCII ones; ; and | start
// DDE payloads in some locales. Tab and CR are dangerous only as the very first character.
const FORMULA_START = /^(?:[\t\r]|[\s\u3000]*[=+\-@;|\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * One CSV cell: quoted when needed; text a spreadsheet would read as a formula gets a leading
 * apostrophe (names, order numbers and audit details are typed by people). `text` false: a number
 * the export wrote itself (an amount), left as it is.
 */
export function csvCell(value: unknown, text = true): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "string" ? value : typeof value === "number" ? String(value) : JSON.stringify(value);
  if (text && FORMULA_START.test(s)) s = `'${s}`;
  return /[",;\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Streams CSV lines as a download, pulling the next line only when the client is ready for it. */
export function csvResponse(lines: AsyncGenerator<string, void, unknown>, fileName: string): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}
