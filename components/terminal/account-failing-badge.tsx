/** An account whose last connection test or payment failed for its configuration: not the clerk's to fix. */
export function AccountFailingBadge() {
  return (
    <span data-testid="account-failing" className="rounded border border-amber-400 dark:border-amber-700 bg-amber-100 dark:bg-amber-900 px-1.5 py-0.5 text-xs font-bold text-amber-950 dark:text-amber-100">
      ⚠ Not working — ask an admin
    </span>
  );
}

/** The same words inside an <option>, which can hold text only. */
export const ACCOUNT_FAILING_OPTION = " ⚠ Not working — ask an admin";
