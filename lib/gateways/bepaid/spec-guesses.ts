// Every place the bePaid spec (/work/shared/gateways/bepaid.md) marks a behaviour as GUESS or
// unconfirmed, as one named constant. Correct them here once bePaid confirms the real behaviour.

/**
 * §2 "Bad credentials", §11 Q3: the "Access denied" body is attested, the HTTP status is not.
 * We treat this status OR that message as a credentials problem.
 */
export const BAD_CREDENTIALS_HTTP_STATUS = 401;
export const BAD_CREDENTIALS_MESSAGE = /access denied|invalid shop_id\/secret_key/i;

/**
 * §2, §6.3: v3 codes E.1004 (shop not found), E.1015 (live data in test mode) and E.1065 ("This
 * type of integration is not allowed for your account": no permission to send card numbers) are
 * the shop's configuration, not the card's. Their v2 messages are unknown. GUESS: the v3 wording
 * or one naming the shop/account as not found, disabled or not allowed.
 */
export const ACCOUNT_REFUSAL_MESSAGE =
  /not allowed for your account|\b(shop|account)\b.*\b(not found|disabled|inactive|blocked|suspended|not active)\b|live data .*test mode/i;

/**
 * §7.4, §11 Q4: the v2 body of a duplicate-check rejection is unknown (v3 code E.1018).
 * We recognise it by the word "duplicate" anywhere in the error message or `errors.base`.
 */
export const DUPLICATE_REJECTION_PATTERN = /duplicate/i;

/**
 * §8, §11 Q6: the docs describe void only for authorizations; whether an unsettled `payment`
 * can be voided is unknown. While false, `void()` of a sale checks the sale is not settled
 * (GET /transactions/{uid}, `settled_at`) and then sends a full refund instead.
 */
export const PAYMENT_VOID_ALLOWED = false;

/**
 * §3.4–3.6 list no `tracking_id` for capture / void / refund requests, and recorded child
 * responses carry none. We send it anyway (our reference) so that a child whose outcome is
 * unknown can be found through GET /v2/transactions/tracking_id/{id}; unconfirmed.
 */
export const SEND_TRACKING_ID_ON_CHILDREN = true;

/** §3.8, §11 Q14: order of the tracking_id array is a guess (newest first); we sort by created_at when present. */
export const TRACKING_QUERY_NEWEST_FIRST = true;

/** §3.8: an unknown tracking_id is guessed to give HTTP 200 with an empty array; we also accept 404. */
export const TRACKING_QUERY_EMPTY_MAY_BE_404 = true;

/** §8, §11 Q5: one void of the full authorized amount is expected; we always void the full parent amount. */
export const VOID_FULL_AMOUNT_ONLY = true;

/**
 * §5, §11 Q9: the vendor CVC table was not retrieved; meanings below are inferred by analogy
 * with the AVS table. Codes M/N/U/E/0/1 are attested from the test data and real traffic.
 */
export const CVC_MEANINGS: Record<string, { meaning: string; category: "match" | "no_match" | "not_checked" | "unavailable" }> = {
  M: { meaning: "Security code matches", category: "match" },
  N: { meaning: "Security code does not match", category: "no_match" },
  U: { meaning: "Security code check unavailable", category: "unavailable" },
  E: { meaning: "System error: security code not checked", category: "unavailable" },
  "0": { meaning: "Security code result unknown", category: "unavailable" },
  "1": { meaning: "Security code check not supported for this processor or card type", category: "not_checked" },
};
