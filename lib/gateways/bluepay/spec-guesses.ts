// Every place the BluePay client relies on something the spec (/work/shared/gateways/bluepay.md)
// marks GUESS / unconfirmed / "our decision". Correct these here once a real sandbox answers.

/**
 * §3.1: hash type we ask for. Sourced (all official SDKs since 2018 send it); listed here because
 * the account-level default is unknown and the response stamp is verified with the same type.
 */
export const TPS_HASH_TYPE = "HMAC_SHA512";

/**
 * §5.4: the request "may choose the fields" of the response stamp with BP_STAMP_DEF. We ask for
 * more than the default (RRNO ISSUE_DATE Result) so amount, message and codes are covered too.
 * GUESS: that the gateway honours every field listed here; if it ignores the list we still verify
 * whatever BP_STAMP_DEF it returns, as long as it covers REQUIRED_STAMP_FIELDS.
 */
export const REQUESTED_STAMP_DEF = "RRNO ISSUE_DATE Result MESSAGE AMOUNT AUTH_CODE TRANS_TYPE AVS CVV2";
export const REQUIRED_STAMP_FIELDS = ["RRNO", "Result"] as const;

/**
 * §5.4 / §6.4: a reply to a bad seal or unknown account cannot be stamped with a key the gateway
 * could not find, so an unstamped `Result=ERROR, MESSAGE=SECURITY ERROR` with no RRNO is treated as
 * "rejected: bad credentials" rather than an unknown outcome. Inference, not documented.
 */
export const UNSTAMPED_ERROR_MESSAGES = ["SECURITY ERROR", "Unable to locate account"] as const;

/**
 * §6.4 lists no message for a disabled, closed or suspended merchant account, nor for a
 * transaction type the account is not set up for. GUESS: such a refusal names the account and
 * says so; it is read as the account's configuration (an admin's problem), not the card's.
 */
export const ACCOUNT_STATE_MESSAGE = /\baccount\b.*\b(disabled|inactive|suspended|closed|not (active|enabled|permitted|allowed))\b/i;

/**
 * stq document: REPORT_START_DATE / REPORT_END_DATE are "YYYY-MM-DD HH:MM:SS". The time zone of
 * issue_date is not documented (GUESS: gateway-local), so the inquiry window is wide on both sides.
 */
export const INQUIRY_WINDOW_DAYS_BACK = 400;
export const INQUIRY_WINDOW_DAYS_AHEAD = 2;

/**
 * stq document lists output fields but not the "nothing matched" reply. GUESS: a body without an
 * `id` whose message says no records/transactions were found.
 */
export const STQ_NOT_FOUND = /no (records?|transactions?|data)( were)? found|not found/i;

/**
 * stq/bpdailyreport2 field `f_void` is documented only as "a flag to identify if the transaction
 * was a void". GUESS: on an original it means "this transaction has been voided".
 */
export const F_VOID_MEANS_VOIDED = true;

/**
 * §8.3 VOID promotion: a full REFUND of an unsettled transaction may come back as TRANS_TYPE=VOID
 * ("Approved Void"). GUESS on details; the client accepts either and reports it in `extra`.
 */
export const REFUND_MAY_BE_PROMOTED_TO_VOID = true;

/**
 * §7.6 DUPLICATE: an identical repeat is not run again and returns the original's fields with
 * MESSAGE=DUPLICATE. The client reports it as rejected (no new money moved). Window / key: unknown.
 */
export const DUPLICATE_MESSAGE = "DUPLICATE";

/** §4: RESPONSEVERSION the client asks for (Python SDK sends 20, Magento 5; ≥1 is needed for BP_STAMP). */
export const RESPONSE_VERSION = "5";

/**
 * stq / bpdailyreport2 `settle_date` ("YYYY-MM-DD HH:MM:SS") carries no time zone, like issue_date.
 * GUESS: UTC, as the requests' report dates are sent (reportDate in wire.ts).
 */
export const SETTLE_DATE_IS_UTC = true;

/**
 * bpdailyreport2 selects by the day a transaction was issued, not the day it settled. A settlement
 * listing asks from this many days before the first settlement day, so a transaction issued earlier
 * and settled in the range is in it. GUESS: batches close within a few days of issue.
 */
export const SETTLEMENT_ISSUE_LOOKBACK_DAYS = 7;
