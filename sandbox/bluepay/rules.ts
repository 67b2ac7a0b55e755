// TEST-mode rules and validation helpers (spec §6, §7), written independently of lib/.
import { luhn } from "../luhn";

export function luhnOk(pan: string): boolean {
  return /^\d{12,19}$/.test(pan) && luhn(pan);
}

/** §6.5 simulator BIN rules. */
export function cardTypeOf(pan: string): string {
  const n = (len: number) => Number(pan.slice(0, len));
  if (/^3[47]/.test(pan)) return "AMEX";
  if (/^(30[0-5]|36|38)/.test(pan)) return "DCCB";
  if (n(4) >= 3528 && n(4) <= 3589) return "JCB";
  if (/^(6011|64[4-9]|65)/.test(pan)) return "DISC";
  if (/^5[1-5]/.test(pan) || (n(4) >= 2221 && n(4) <= 2720)) return "MC";
  return "VISA";
}

/** "MMYY"; expired when before the current month (§7.4 GUESS on the boundary). */
export function expiryProblem(expiry: string, now: Date): string | undefined {
  const m = /^(\d{2})(\d{2})$/.exec(expiry);
  if (!m) return "Card Expired";
  const month = Number(m[1]);
  const year = 2000 + Number(m[2]);
  if (month < 1 || month > 12) return "Card Expired";
  const cy = now.getUTCFullYear();
  const cm = now.getUTCMonth() + 1;
  return year < cy || (year === cy && month < cm) ? "Card Expired" : undefined;
}

/** "3.00" / "3" / "3.5" → cents; undefined when not a BluePay amount (max length 9, §4). */
export function parseAmount(value: string): number | undefined {
  if (value.length > 9) return undefined;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

export function dollars(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

/** §7.1: whole-dollar part odd → approve, even → decline (cents ignored). */
export function testApproves(cents: number): boolean {
  return Math.floor(cents / 100) % 2 === 1;
}

const AVS_CODES = new Set("ABCDEFGIMNPQRSUWXYZ12345678".split(""));
const CVV_CODES = new Set("MNPSUXY".split(""));

/** §7.3: first character of ADDR1 forces AVS, of ADDR2 forces CVV2; otherwise "_". */
export function forcedAvs(addr1: string): string {
  const c = addr1.charAt(0).toUpperCase();
  return AVS_CODES.has(c) ? c : "_";
}
export function forcedCvv(addr2: string): string {
  const c = addr2.charAt(0).toUpperCase();
  return CVV_CODES.has(c) ? c : "_";
}

export function authCode(): string {
  let s = "";
  for (let i = 0; i < 6; i++) s += String.fromCharCode(65 + Math.floor(Math.random() * 26));
  return s;
}

/** "YYYY-MM-DD HH:MM:SS.ffffff" (§5.3 ISSUE_DATE). */
export function issueDate(now: Date): string {
  const base = now.toISOString().slice(0, 19).replace("T", " ");
  const micros = String(now.getUTCMilliseconds() * 1000 + Math.floor(Math.random() * 1000)).padStart(6, "0");
  return `${base}.${micros}`;
}

/** Field length limits from §4.1 (a too-long field → "<FIELD> too long"). */
export const MAX_LENGTHS: Record<string, number> = {
  NAME1: 32,
  NAME2: 32,
  COMPANY_NAME: 64,
  ADDR1: 64,
  ADDR2: 64,
  CITY: 32,
  STATE: 16,
  ZIP: 16,
  COUNTRY: 64,
  PHONE: 16,
  EMAIL: 64,
  ORDER_ID: 128,
  INVOICE_ID: 64,
  CUSTOM_ID: 16,
  CUSTOM_ID2: 64,
  MEMO: 128,
};
