import type { Role } from "../auth/roles";
import type { ClerkMfa } from "./settings";

/**
 * Whether a user of this role must have a second factor. PCI DSS 8.4.2 asks it of everyone who can
 * reach card data; a merchant may relax it for clerks only (the settings page warns what that breaks).
 * `clerkMfa` is the stored setting, unset or unknown meaning "required".
 */
export function mfaRequiredFor(role: Role, clerkMfa: ClerkMfa | string | null | undefined): boolean {
  return role !== "clerk" || clerkMfa !== "optional";
}
