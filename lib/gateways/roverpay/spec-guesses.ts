// Every place the Rover Pay spec (/work/shared/gateways/roverpay.md) marks a behaviour as
// [INF], PROPOSED or an open question, as one named constant. Correct them here once Zumasys
// confirms the real behaviour.

/** §2: only the test base URL is published; production is issued on onboarding. */
export const VENDOR_TEST_BASE_URL = "https://test-gateway.total-computing.com/api";

/** §2, §11 Q1: endpoint path = `{base}/{endpoint in lower case}`; case sensitivity unknown. */
export const endpointPath = (endpoint: RoverEndpoint): string => `/${endpoint.toLowerCase()}`;

export type RoverEndpoint =
  | "BLTOKENIZE"
  | "BLTOKENSALE"
  | "BLTOKENAUTH"
  | "BLTOKENFINAL"
  | "BLTOKENREFUND"
  | "BLSALE"
  | "BLAUTH"
  | "BLINQUIRE";

/**
 * §1.1, §5.3, §11 Q3: refund examples send a negative amount, newer wording a positive one.
 * We follow the examples (and the integrator manual): money leaving the merchant is negative.
 */
export const REFUND_AMOUNT_NEGATIVE = true;

/**
 * §5.3, §11 Q3: `ctoken`/`expiry` are required on BLTOKENREFUND in the older page, optional in
 * the newer one. We send them whenever we know them.
 */
export const SEND_TOKEN_ON_REFUND = true;

/**
 * §8, §11 Q6: the `avs` object schema is not public. We assume the ACH shape
 * {name, addr, addr2, city, state, zip}. It is documented on BLTOKENIZE / BLTOKENCREDIT only;
 * sending it on BLSALE / BLAUTH (card keyed on the device) is our guess.
 */
export const SEND_AVS_ON_DEVICE_SALE = true;

/**
 * §3.1, §6.2 T11: `tran` is the caller's sequence per `reg` and part of the duplicate check
 * (store, reg, date, tran, amount). Its allowed length/characters are undocumented (examples:
 * `rc783`, `51230`). We derive a short alphanumeric value from our per-attempt reference, so a
 * re-sent attempt is caught as a duplicate and different attempts never collide.
 */
export const TRAN_LENGTH = 8;

/**
 * §5.1 PROPOSED: no card data travels in the JSON body (the card is keyed on the Bolt device).
 * The simulator stands in for the device and reads the keyed card from this header. The client
 * sends it only in test mode and never to the vendor's own host; live mode never sends it.
 */
export const SIM_CARD_HEADER = "X-Sim-Card";

/** §3.1: `manual` = `1` keyed entry on the device (a virtual terminal always keys). */
export const MANUAL_ENTRY = "1";

/**
 * §6.2 PROPOSED error-code table (the vendor publishes none). Codes that mean "the bank said no"
 * are declines; every other `verified:"0"` is a refusal of the request itself. `[D3n]` result
 * texts (§6.1 style) are treated as declines too, whatever the code.
 */
export const DECLINE_CODES: ReadonlySet<string> = new Set(["DEC01", "DEC02", "DEC03", "AVS01", "TOK02"]);
export const DECLINE_TEXT = /^\[D3\d\]/;
export const BAD_CREDENTIAL_CODES: ReadonlySet<string> = new Set(["AUTH01", "ENT01"]);
/**
 * §6.2 PROPOSED, whose problem a refusal is beyond the credentials: the card's data (an invalid
 * expiry, a saved card the vault does not know) or the gateway's own (its processor unavailable).
 * Every other code is the request's (a field, a duplicate, a state rule). CRD01 (invalid card
 * number) is not in §6.2's table; the simulator uses it.
 */
export const CARD_DATA_CODES: ReadonlySet<string> = new Set(["REQ03", "CRD01", "TOK01"]);
export const GATEWAY_CODES: ReadonlySet<string> = new Set(["SYS01"]);
/**
 * §2, §6.1: the gateway answers every business outcome with HTTP 200 and never uses 401. A 4xx
 * without a Rover Pay reply comes from something in front of it. GUESS: 401 / 403 / 404 there mean
 * the account's access or base URL is wrong (its configuration); any other is the gateway's.
 */
export const CONFIG_HTTP_STATUSES: ReadonlySet<number> = new Set([401, 403, 404]);
export const INQUIRY_NOT_FOUND_CODE = "INQ01";

/**
 * §5.3 PROPOSED / [DOC-NEW]: a full BLTOKENREFUND in the open batch is processed as a void. We
 * recognise the void by ccvRec attr 11 `V` or the `[D21]` text.
 */
export const VOID_SOURCE_CODE = "V";
export const VOID_TEXT = /^\[D21\]/;

/**
 * §5.6, §11 Q7: BLINQUIRE returns no status of the original. The simulator adds `simStatus` and
 * `simRefunded` (PROPOSED); against the real gateway these are absent and we fall back to
 * "approved when an auth code is present", top-level `auth` or ccvRec's (the vendor's own
 * BLINQUIRE example has it only in ccvRec: lib/gateways/roverpay/fixtures/vendor-examples.json).
 */
export const INQUIRY_STATUS_FIELD = "simStatus";

/**
 * §3.2, §8, §4.1 (attr 8): only `V` Visa and `M` Master Card are attested. The rest follow the
 * processor's (CardConnect) single-letter convention and are unconfirmed.
 */
export const CARD_TYPE_CODES: Readonly<Record<string, "visa" | "mastercard" | "amex" | "discover" | "jcb" | "diners">> = {
  V: "visa",
  M: "mastercard",
  A: "amex",
  X: "amex",
  D: "discover",
  J: "jcb",
  N: "diners",
};

/** §4.1 [INF]: ccvRec attrs 68 / 69 are AVS / CVV results, attr 70 the invoice (1-based). */
export const CCV_ATTR_AVS = 68;
export const CCV_ATTR_CVV = 69;
export const CCV_ATTR_INVOICE = 70;

/**
 * §3.2: amounts are cents with two implied decimals; the gateway is US-only as far as we know.
 * A currency with another exponent cannot be expressed.
 */
export const AMOUNT_EXPONENT = 2;

/**
 * Our design, not the vendor's: BLTOKENSALE needs the card's `expiry` next to the token, but a
 * stored token comes back to us alone. We hand the app a token of the form `<ctoken>:<MMYY>`.
 */
export const TOKEN_EXPIRY_SEPARATOR = ":";

/**
 * §4.1 attr 20 / 32, §11 Q5: ccvRec carries CCV.BATCH.NUMBER and CCV.POSTING.STATUS ("hold/pending,
 * settled"), but no documented BLINQUIRE field reports whether the original has settled, and there is
 * no batch listing. The settlement state comes from the simulator's `simSettled` (PROPOSED); against
 * the real gateway it is undefined and a settlement report flags nothing for Rover Pay from it.
 */
export const INQUIRY_SETTLED_FIELD = "simSettled";

/**
 * §7, §3.2: `level23Errors` is "comma-separated"; the example texts hold no commas, so we split on
 * commas. A message with a comma of its own would show as two warnings (nothing is lost).
 */
export const LEVEL23_ERRORS_SEPARATOR = ",";
