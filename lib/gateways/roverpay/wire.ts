// Rover Pay wire formats (spec §3, §5): JSON bodies where every scalar is a string, and the
// parser that turns an HTTP reply into either a validated reply or a reason it is unusable.
import { z } from "zod";
import type { HttpResponse } from "../http";
import { decodeCcvRec, type CcvRecord } from "./ccvrec";
import type { Level23Wire } from "./level23";

/** §3.1 fields on every card endpoint. */
export interface CommonRequest {
  atoken: string;
  entity: string;
  store: string;
  reg: string;
  date: string;
  tran: string;
  invoice: string;
  debug: "0" | "1" | "2";
}

/** §8 (guess: ACH shape). */
export interface AvsData {
  name: string;
  addr: string;
  addr2: string;
  city: string;
  state: string;
  zip: string;
}

export interface TokenizeRequest extends CommonRequest {
  manual: string;
  avs?: AvsData;
}

export interface TokenPaymentRequest extends CommonRequest {
  ctoken: string;
  expiry: string;
  amount: string;
  /** §7: BLTOKENSALE only (BLTOKENAUTH does not take it). */
  level23?: Level23Wire;
}

export interface DevicePaymentRequest extends CommonRequest {
  amount: string;
  manual: string;
  avs?: AvsData;
  level23?: Level23Wire;
}

export interface FinalRequest extends CommonRequest {
  reqid: string;
  amount: string;
  ctoken?: string;
  expiry?: string;
}

export interface RefundRequest extends CommonRequest {
  reqid: string;
  amount: string;
  ctoken?: string;
  expiry?: string;
}

export interface InquireRequest extends CommonRequest {
  reference: string;
  reqid: string;
}

export type RoverRequest = TokenizeRequest | TokenPaymentRequest | DevicePaymentRequest | FinalRequest | RefundRequest | InquireRequest;

const str = z.string().optional();

/** §3.2 reply fields. `verified` is the only acceptance flag, so it must be present and exact. */
export const replySchema = z.object({
  verified: z.enum(["0", "1"]),
  errorCode: str,
  errorMessage: str,
  errMessage: str,
  resultId: str,
  ccvRec: str,
  token: str,
  expiry: str,
  signature: str,
  auth: str,
  reference: str,
  cardType: str,
  cardDesc: str,
  name: str,
  avsCode: str,
  cvvCode: str,
  amount: str,
  level23Errors: str,
  simStatus: str,
  simRefunded: str,
  simSettled: str,
});

export type RoverReply = z.infer<typeof replySchema>;

export type ParsedReply =
  | { ok: true; reply: RoverReply; rec: CcvRecord | null; body: unknown }
  | { ok: false; outcome: "unknown" | "refused"; reason: string; body: unknown };

/** Never throws: any reply we cannot trust becomes `ok: false` with the reason. */
export function parseReply(res: HttpResponse): ParsedReply {
  if (res.status >= 500) {
    return { ok: false, outcome: "unknown", reason: `The gateway answered HTTP ${res.status}`, body: { httpStatus: res.status } };
  }
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    // A 4xx with no JSON means the request was not accepted; a 2xx/3xx we cannot read may hide a charge.
    if (res.status >= 400) return { ok: false, outcome: "refused", reason: `The gateway refused the request (HTTP ${res.status})`, body: { httpStatus: res.status } };
    return { ok: false, outcome: "unknown", reason: "The gateway's reply could not be read", body: { httpStatus: res.status, unparseable: true } };
  }
  const parsed = replySchema.safeParse(body);
  if (!parsed.success) {
    if (res.status >= 400) return { ok: false, outcome: "refused", reason: `The gateway refused the request (HTTP ${res.status})`, body };
    return { ok: false, outcome: "unknown", reason: "The gateway's reply is not a Rover Pay reply", body };
  }
  const reply = parsed.data;
  // Success is a 2xx (spec: all business outcomes are HTTP 200): a "verified" under any other status contradicts itself.
  if (reply.verified === "1" && (res.status < 200 || res.status >= 300)) {
    return { ok: false, outcome: "unknown", reason: `The gateway answered HTTP ${res.status} with a success flag; the outcome is unknown`, body };
  }
  let rec: CcvRecord | null = null;
  if (reply.ccvRec) {
    rec = decodeCcvRec(reply.ccvRec);
    if (!rec) return { ok: false, outcome: "unknown", reason: "The gateway's ccvRec could not be decoded", body };
  }
  return { ok: true, reply, rec, body };
}

/** §1.1: tables say `errMessage`, examples `errorMessage`. */
export function errorMessageOf(reply: RoverReply): string {
  return reply.errorMessage || reply.errMessage || "";
}
