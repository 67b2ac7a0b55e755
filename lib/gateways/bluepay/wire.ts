// BluePay wire formats: bp10emu requests (form POST) and replies (302 Location query, spec §5.1/§5.3),
// stq single-transaction-query replies and bpdailyreport2 CSV. Parsers never throw: they return
// either typed data or a reason the caller turns into an unknown outcome.
import { z } from "zod";
import type { HttpResponse } from "../http";

export const BP10EMU_PATH = "/interfaces/bp10emu";
export const STQ_PATH = "/interfaces/stq";
export const DAILY_REPORT_PATH = "/interfaces/bpdailyreport2";

export type Bp10TransactionType = "SALE" | "AUTH" | "CAPTURE" | "REFUND" | "VOID";

/** The bp10emu fields this client sends (all values already formatted for the wire). */
export interface Bp10Request {
  MERCHANT: string;
  TRANSACTION_TYPE: Bp10TransactionType;
  MODE: "TEST" | "LIVE";
  PAYMENT_TYPE?: "CREDIT";
  AMOUNT?: string;
  RRNO?: string;
  CC_NUM?: string;
  CC_EXPIRES?: string;
  CVCCVV2?: string;
  NAME1?: string;
  NAME2?: string;
  ADDR1?: string;
  ADDR2?: string;
  CITY?: string;
  STATE?: string;
  ZIPCODE?: string;
  COUNTRY?: string;
  EMAIL?: string;
  PHONE?: string;
  ORDER_ID?: string;
  CUSTOM_ID2?: string;
  COMMENT?: string;
  RESPONSEVERSION: string;
  TPS_HASH_TYPE: string;
  BP_STAMP_DEF: string;
  TAMPER_PROOF_SEAL?: string;
}

/** Keys the shared redactor does not recognise by itself. */
export const EXTRA_REDACT_KEYS = ["CVCCVV2", "BP_STAMP"] as const;

const optional = z.string().optional().default("");

/** The bp10emu reply fields the client reads; every other key is kept raw for the stamp. */
export const bp10ReplySchema = z.object({
  Result: z.enum(["APPROVED", "DECLINED", "ERROR", "MISSING"]),
  RRNO: z.union([z.literal(""), z.string().regex(/^\d{12}$/)]).optional().default(""),
  MESSAGE: optional,
  AUTH_CODE: optional,
  AVS: optional,
  CVV2: optional,
  PAYMENT_ACCOUNT: optional,
  CARD_TYPE: optional,
  CARD_EXPIRE: optional,
  AMOUNT: optional,
  TRANS_TYPE: optional,
  MISSING: optional,
  BP_STAMP: optional,
  BP_STAMP_DEF: optional,
  TPS_HASH_TYPE: optional,
});
export type Bp10Reply = z.infer<typeof bp10ReplySchema>;

export type Parsed<T> = { ok: true; value: T; fields: Record<string, string> } | { ok: false; reason: string; fields?: Record<string, string> };

function formFields(encoded: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(encoded)) out[k] = v;
  return out;
}

/** bp10emu: the result is the query string of the Location header of a 302 (any 3xx accepted). */
export function parseBp10Reply(res: HttpResponse): Parsed<Bp10Reply> {
  if (res.status >= 500) return { ok: false, reason: `BluePay answered HTTP ${res.status}` };
  const location = res.headers.get("location");
  if (res.status < 300 || res.status >= 400 || !location) {
    return { ok: false, reason: `BluePay answered HTTP ${res.status} without a result redirect` };
  }
  const q = location.indexOf("?");
  if (q < 0) return { ok: false, reason: "BluePay's result redirect carried no fields" };
  let fields: Record<string, string>;
  try {
    fields = formFields(location.slice(q + 1));
  } catch {
    return { ok: false, reason: "BluePay's result redirect could not be decoded" };
  }
  const parsed = bp10ReplySchema.safeParse(fields);
  if (!parsed.success) return { ok: false, reason: "BluePay's reply was incomplete or not in the expected format", fields };
  return { ok: true, value: parsed.data, fields };
}

/** One stq record (stq document: lower-case output names). */
export const stqRecordSchema = z.object({
  id: z.string().regex(/^\d{12}$/),
  trans_type: optional,
  status: z.string().min(1),
  amount: z.string().regex(/^\d+(\.\d{1,2})?$/),
  message: optional,
  master_id: optional,
  f_void: optional,
  settle_date: optional,
  settlement_id: optional,
  auth_code: optional,
  payment_account: optional,
  card_type: optional,
  card_expire: optional,
  avs_result: optional,
  cvv_result: optional,
  order_id: optional,
  custom_id2: optional,
});
export type StqRecord = z.infer<typeof stqRecordSchema>;

export type StqReply =
  | { kind: "record"; record: StqRecord }
  | { kind: "not_found"; message: string }
  | { kind: "refused"; message: string };

/** stq answers url-encoded name=value pairs in the body; errors carry STATUS=E&MESSAGE=… (HTTP 400). */
export function parseStqReply(res: HttpResponse): Parsed<StqReply> {
  if (res.status >= 500) return { ok: false, reason: `BluePay answered HTTP ${res.status}` };
  if (res.text.includes("\u0000")) return { ok: false, reason: "BluePay's reply was truncated or garbled" };
  const fields = formFields(res.text.trim());
  if (fields.id !== undefined) {
    const parsed = stqRecordSchema.safeParse(fields);
    if (!parsed.success) return { ok: false, reason: "BluePay's query reply was incomplete or not in the expected format", fields };
    return { ok: true, value: { kind: "record", record: parsed.data }, fields };
  }
  const message = fields.MESSAGE ?? fields.message ?? "";
  if (message === "") return { ok: false, reason: "BluePay's query reply had neither a transaction nor a message", fields };
  return { ok: true, value: { kind: "not_found", message }, fields };
}

/** One row of bpdailyreport2 (DO_NOT_ESCAPE=1: plain comma-separated, header line first). */
export interface ReportRow {
  id: string;
  trans_type: string;
  status: string;
  amount: string;
  master_id: string;
  f_void: string;
  custom_id2: string;
  issue_date: string;
  settle_date: string;
  settlement_id: string;
}

export function parseDailyReport(res: HttpResponse): ReportRow[] | null {
  if (res.status !== 200 || res.text.includes("\u0000")) return null;
  const lines = res.text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0]?.split(",").map((h) => h.trim());
  if (!header || !header.includes("id") || !header.includes("amount")) return null;
  const col = (name: string) => header.indexOf(name);
  const cells = (row: string[], name: string) => (col(name) >= 0 ? (row[col(name)] ?? "") : "");
  return lines.slice(1).map((line) => {
    const row = line.split(",");
    return {
      id: cells(row, "id"),
      trans_type: cells(row, "trans_type"),
      status: cells(row, "status"),
      amount: cells(row, "amount"),
      master_id: cells(row, "master_id"),
      f_void: cells(row, "f_void"),
      custom_id2: cells(row, "custom_id2"),
      issue_date: cells(row, "issue_date"),
      settle_date: cells(row, "settle_date"),
      settlement_id: cells(row, "settlement_id"),
    };
  });
}

/** "12.50" → 1250 (dollars with up to two decimals); undefined if not a plain amount. */
export function dollarsToMinor(value: string): number | undefined {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** stq / bpdailyreport2 "YYYY-MM-DD HH:MM:SS" (see SETTLE_DATE_IS_UTC) → ISO 8601; undefined if empty or not a date. */
export function reportDateToIso(value: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(value.trim());
  if (!m) return undefined;
  const d = new Date(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, the stq date format. */
export function reportDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace("T", " ");
}
