/**
 * The values that charge a saved card, for tests that look for them where they must not be: the token
 * as Keyed keeps it, and its gateway part (Rover Pay's ctoken before ":MMYY", PayCore's token after
 * Keyed's own "kc_<reference>:" customer reference, which is no secret).
 */
export function tokenSecrets(token: string): string[] {
  return [token, ...token.split(":").filter((part) => part.length >= 10 && !part.startsWith("kc_"))];
}
