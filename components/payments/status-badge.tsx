import type { DisplayStatus } from "@/lib/services/transactions/detail";

interface Look {
  label: string;
  icon: string;
  className: string;
}

const LOOKS: Record<DisplayStatus, Look> = {
  approved: { label: "Approved", icon: "✓", className: "border-green-300 dark:border-green-800 bg-green-50 dark:bg-green-950 text-green-800 dark:text-green-200" },
  declined: { label: "Declined", icon: "✕", className: "border-red-300 dark:border-red-800 bg-red-50 dark:bg-red-950 text-red-800 dark:text-red-200" },
  error: { label: "Error", icon: "!", className: "border-red-300 dark:border-red-800 bg-red-50 dark:bg-red-950 text-red-800 dark:text-red-200" },
  pending: { label: "Pending", icon: "…", className: "border-sky-300 dark:border-sky-800 bg-sky-50 dark:bg-sky-950 text-sky-800 dark:text-sky-200" },
  unknown: { label: "Unknown", icon: "?", className: "border-amber-300 dark:border-amber-800 bg-amber-50 dark:bg-amber-950 text-amber-900 dark:text-amber-200" },
  voided: { label: "Voided", icon: "⊘", className: "border-slate-300 dark:border-slate-600 bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300" },
  refunded: { label: "Refunded", icon: "↩", className: "border-violet-300 bg-violet-50 text-violet-800" },
  partially_refunded: { label: "Partially refunded", icon: "↩", className: "border-violet-300 bg-violet-50 text-violet-800" },
};

export function statusLabel(status: DisplayStatus): string {
  return LOOKS[status].label;
}

/** Colour, icon and word: the status reads the same without colour. `large` is for the result screen. */
export function StatusBadge({ status, size = "small" }: { status: DisplayStatus; size?: "small" | "large" }) {
  const look = LOOKS[status];
  const sizing = size === "large" ? "gap-3 px-4 py-2 text-2xl font-semibold" : "gap-1.5 px-2 py-0.5 text-xs font-medium";
  const iconSizing = size === "large" ? "size-8 text-lg" : "size-4 text-[10px]";
  return (
    <span data-testid="status-badge" data-status={status} className={`inline-flex items-center rounded-full border ${sizing} ${look.className}`}>
      <span aria-hidden className={`inline-flex items-center justify-center rounded-full bg-current/10 font-bold ${iconSizing}`}>
        {look.icon}
      </span>
      {look.label}
    </span>
  );
}
