// Content-Security-Policy violation reports as browsers post them, reduced to what is kept: the
// directive, the blocked URL and the page. Reports are posted by anyone (no session), so every field
// is bounded, URLs lose their query and fragment, ids in paths become ":id" (one row per kind of
// violation, not per customer), and card-like digit runs are masked: an exfiltration URL may carry a
// card number.
import { z } from "zod";
import { scrubText } from "../gateways/redact";

export interface CspViolation {
  directive: string;
  blockedUri: string;
  documentUri: string;
}

/** The two ways browsers post reports: `report-uri` (one report) and the Reporting API (`report-to`, a batch). */
export const CSP_REPORT_TYPES = ["application/csp-report", "application/reports+json"] as const;

/** A Reporting API batch carries a few reports; more in one post is not a browser. */
const MAX_BATCH = 20;

const text = z.string().max(4096).optional().catch(undefined);

const legacyReport = z.object({
  "csp-report": z.object({
    "document-uri": text,
    "blocked-uri": text,
    "effective-directive": text,
    "violated-directive": text,
  }),
});

const reportingBatch = z
  .array(
    z.object({
      type: z.string(),
      url: text,
      body: z.object({ documentURL: text, blockedURL: text, effectiveDirective: text }).catch({}),
    }),
  )
  .max(MAX_BATCH);

/** The media type of a Content-Type header, lowercased, without parameters. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * The violations in a posted body, or null when it is not a report of the given type. A Reporting
 * API batch may hold other kinds of report (deprecations, interventions): those are skipped.
 */
export function parseCspReports(type: string, body: string): CspViolation[] | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (type === "application/csp-report") {
    const parsed = legacyReport.safeParse(json);
    if (!parsed.success) return null;
    const r = parsed.data["csp-report"];
    return [violation(r["effective-directive"] ?? r["violated-directive"], r["blocked-uri"], r["document-uri"])];
  }
  if (type === "application/reports+json") {
    const parsed = reportingBatch.safeParse(json);
    if (!parsed.success) return null;
    return parsed.data.filter((r) => r.type === "csp-violation").map((r) => violation(r.body.effectiveDirective, r.body.blockedURL, r.body.documentURL ?? r.url));
  }
  return null;
}

function violation(directive: string | undefined, blocked: string | undefined, page: string | undefined): CspViolation {
  return { directive: directiveOf(directive), blockedUri: blockedOf(blocked), documentUri: pageOf(page) };
}

/** "script-src-elem", or the first word of an older browser's violated directive ("script-src 'self' …"). */
function directiveOf(value: string | undefined): string {
  const name = (value ?? "").trim().split(/\s+/)[0]!.toLowerCase();
  return /^[a-z-]{1,40}$/.test(name) ? name : "unknown";
}

/** A URL's origin and path; a keyword ("inline", "eval", "data") as it is. */
function blockedOf(value: string | undefined): string {
  const v = (value ?? "").trim();
  if (!v) return "(none)";
  const url = parseUrl(v);
  if (!url) return bounded(v.split(/[?#]/)[0]!, 60);
  return bounded(url.protocol === "data:" || url.protocol === "blob:" ? url.protocol.slice(0, -1) : `${url.origin}${url.pathname}`, 200);
}

/** The page's origin and path, its ids replaced: /transactions/:id. */
function pageOf(value: string | undefined): string {
  const url = parseUrl((value ?? "").trim());
  if (!url) return "(unknown)";
  const path = url.pathname
    .split("/")
    .map((segment) => (isId(segment) ? ":id" : segment))
    .join("/");
  return bounded(`${url.origin}${path}`, 200);
}

/** A cuid, a UUID, or anything with a run of 6 digits. */
const isId = (segment: string) => /^c[0-9a-z]{24}$/.test(segment) || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(segment) || /\d{6}/.test(segment);

function parseUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return ["http:", "https:", "ws:", "wss:", "data:", "blob:"].includes(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

function bounded(value: string, max: number): string {
  const scrubbed = scrubText(value);
  return scrubbed.length > max ? `${scrubbed.slice(0, max - 1)}…` : scrubbed;
}
