// Small helpers of the PayCore simulator (deliberately independent of lib/).
import { createHash, randomBytes } from "node:crypto";
import { json, type SimResponse } from "../types";
import { luhn } from "../luhn";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomAlnum(n: number): string {
  const bytes = randomBytes(n);
  let out = "";
  for (let i = 0; i < n; i++) out += ALNUM[bytes[i]! % ALNUM.length];
  return out;
}

export function randomDigits(n: number): string {
  const bytes = randomBytes(n);
  let out = "";
  for (let i = 0; i < n; i++) out += String(bytes[i]! % 10);
  return out;
}

export { luhn };

const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, BHD: 3, KWD: 3, JOD: 3 };
export const SUPPORTED_CURRENCIES = ["USD", "EUR", "GBP", "UAH", "PLN", "CAD", "AUD", "BYN", "JPY"];

export function exponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

/** A JSON number in major units → minor units, or undefined when it has the wrong shape. */
export function majorToMinor(value: unknown, currency: string): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > 1e9) return undefined;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(value));
  if (!m) return undefined;
  const exp = exponent(currency);
  const frac = m[2] ?? "";
  if (frac.length > exp) return undefined;
  return Number(m[1]) * 10 ** exp + Number((frac + "0".repeat(exp)).slice(0, exp) || "0");
}

export function minorToMajor(minor: number, currency: string): number {
  return minor / 10 ** exponent(currency);
}

/** Fraction part in minor units of the amount's last two digits (".13" → 13). */
export function fraction(minor: number): number {
  return minor % 100;
}

export function sign(secret: string, body: string): string {
  return createHash("sha1").update(`${secret}${body}${secret}`, "utf8").digest("base64");
}

export const nowSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);

export function b64url(s: string): string {
  return Buffer.from(s, "utf8").toString("base64url");
}

/** JSON:API error body (spec §4.4, PROPOSED shape). Never echoes card data. */
export function apiError(status: number, code: string, title: string, detail: string, pointer?: string): SimResponse {
  return json(
    status,
    { errors: [{ status: String(status), code, title, detail, ...(pointer ? { source: { pointer } } : {}) }] },
    { "content-type": "application/vnd.api+json" },
  );
}

export const invalid = (detail: string, pointer: string) => apiError(422, "validation_error", "Validation error", detail, pointer);

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
