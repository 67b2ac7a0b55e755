// How a gateway account is named on screen, in the browser and on the server alike.

const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** "PayCore (Corefy)" → "PayCore": the name a clerk knows. */
export function gatewayName(gatewayLabel: string): string {
  return gatewayLabel.replace(/\s*\(.*\)$/, "");
}

/**
 * The account's label, followed by its gateway's name unless the label already says it:
 * "Main store (PayCore)", but "PayCore (sandbox)", not "PayCore (sandbox) (PayCore (Corefy))".
 */
export function accountLabel(label: string, gatewayLabel: string): string {
  const gateway = gatewayName(gatewayLabel);
  return letters(label).includes(letters(gateway)) ? label : `${label} (${gateway})`;
}
