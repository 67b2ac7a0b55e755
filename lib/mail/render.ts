// One source for an email's two bodies: a message is described once as blocks (headings, label/value
// rows, paragraphs) and rendered to HTML (inline styles, as mail clients need) and to plain text.
// Hand-rolled on purpose: a receipt needs five kinds of block, and react-email would bring a second
// React render path (react-dom/server) and prettier into the server for them.

export type EmailBlock =
  | { kind: "title"; text: string }
  | { kind: "lines"; lines: string[]; small?: boolean }
  | { kind: "amount"; text: string; caption: string }
  | { kind: "rows"; rows: [label: string, value: string | null][] }
  | { kind: "note"; text: string };

export interface EmailContent {
  subject: string;
  /** Shown by mail clients next to the subject. */
  preview: string;
  blocks: EmailBlock[];
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function htmlBlock(b: EmailBlock): string {
  switch (b.kind) {
    case "title":
      return `<h1 style="margin:0 0 4px;font-size:20px;text-align:center">${escape(b.text)}</h1>`;
    case "lines":
      return `<p style="margin:0 0 12px;text-align:center;color:#475569;font-size:${b.small ? 12 : 14}px">${b.lines.map(escape).join("<br>")}</p>`;
    case "amount":
      return `<p style="margin:16px 0 0;text-align:center;font-size:28px;font-weight:bold">${escape(b.text)}</p><p style="margin:0 0 16px;text-align:center;font-weight:600;text-transform:uppercase">${escape(b.caption)}</p>`;
    case "rows":
      return `<table role="presentation" style="width:100%;border-collapse:collapse;border-top:1px dashed #94a3b8">${b.rows
        .filter(([, v]) => v)
        .map(([l, v]) => `<tr><td style="padding:4px 0;color:#475569">${escape(l)}</td><td style="padding:4px 0;text-align:right;font-weight:600">${escape(v!)}</td></tr>`)
        .join("")}</table>`;
    case "note":
      return `<p style="margin:12px 0 0;border-top:1px dashed #94a3b8;padding-top:8px">${escape(b.text)}</p>`;
  }
}

function textBlock(b: EmailBlock): string {
  switch (b.kind) {
    case "title":
      return b.text.toUpperCase();
    case "lines":
      return b.lines.join("\n");
    case "amount":
      return `${b.text}\n${b.caption.toUpperCase()}`;
    case "rows": {
      const rows = b.rows.filter(([, v]) => v) as [string, string][];
      const width = Math.max(0, ...rows.map(([l]) => l.length));
      return rows.map(([l, v]) => `${`${l}:`.padEnd(width + 2)}${v}`).join("\n");
    }
    case "note":
      return b.text;
  }
}

export function renderEmail(content: EmailContent): RenderedEmail {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f1f5f9;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<span style="display:none">${escape(content.preview)}</span>
<div style="max-width:420px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px;font-size:14px">
${content.blocks.map(htmlBlock).join("\n")}
</div></body></html>`;
  const text = `${content.blocks.map(textBlock).join("\n\n")}\n`;
  return { subject: content.subject, html, text };
}
