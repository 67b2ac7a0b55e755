// PayCore binds a card token to (commerce account, customer.reference_id) (§7.3), but Keyed hands a
// token back without a customer. So the token Keyed stores is "<customer reference>:<PayCore token>".

const SEPARATOR = ":";

export function customerRefFor(reference: string): string {
  return `kc_${reference}`;
}

export function composeToken(customerRef: string, paycoreToken: string): string {
  return `${customerRef}${SEPARATOR}${paycoreToken}`;
}

/** Splits a stored token; a bare PayCore token (no customer part) keeps `customerRef` undefined. */
export function splitToken(stored: string): { customerRef?: string; token: string } {
  const at = stored.lastIndexOf(SEPARATOR);
  if (at <= 0) return { token: stored };
  return { customerRef: stored.slice(0, at), token: stored.slice(at + 1) };
}
