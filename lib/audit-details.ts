// Audit details as a person reads them: labelled values, money formatted from minor units, changes
// as "from → to", and the objects they name as links. The stored details stay raw JSON (the CSV
// export keeps them so); this is only how the admin page shows them.
import { formatMoney } from "./money";

export interface DetailItem {
  label: string;
  value: string;
  href?: string;
}

const LABELS: Record<string, string> = {
  customerId: "Customer",
  transactionId: "Transaction",
  gatewayTransactionId: "Gateway transaction",
  passwordSource: "Password",
  last4: "Card ending",
  newDefault: "New default account",
  keyId: "Key",
};

/** Where an id names something an admin can open. */
const LINKS: Record<string, (id: string) => string> = {
  customerId: (id) => `/customers/${encodeURIComponent(id)}`,
  transactionId: (id) => `/transactions/${encodeURIComponent(id)}`,
};

const TARGET_LINKS: Record<string, (id: string) => string> = {
  transaction: (id) => `/transactions/${encodeURIComponent(id)}`,
  customer: (id) => `/customers/${encodeURIComponent(id)}`,
  gateway_account: (id) => `/admin/gateways/${encodeURIComponent(id)}`,
  user: () => "/admin/users",
  settings: () => "/admin/settings",
};

/** "passwordChangedAt" → "Password changed at". */
function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    if ("from" in o && "to" in o && Object.keys(o).length === 2) return `${show(o.from)} → ${show(o.to)}`;
    if (typeof o.id === "string" && typeof o.label === "string") return o.label;
    return Object.entries(o)
      .map(([k, v]) => `${humanize(k)}: ${show(v)}`)
      .join("; ");
  }
  return String(value);
}

export function describeDetails(details: unknown): DetailItem[] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return details == null ? [] : [{ label: "Details", value: show(details) }];
  const d = details as Record<string, unknown>;
  const items: DetailItem[] = [];
  const money = typeof d.amount === "number" && typeof d.currency === "string";
  for (const [key, value] of Object.entries(d)) {
    if (money && key === "currency") continue;
    if (money && key === "amount") {
      items.push({ label: "Amount", value: formatMoney(value as number, d.currency as string) });
      continue;
    }
    if (key === "changes" && value && typeof value === "object") {
      for (const [field, change] of Object.entries(value as Record<string, unknown>)) items.push({ label: humanize(field), value: show(change) });
      continue;
    }
    const link = typeof value === "string" ? LINKS[key]?.(value) : undefined;
    items.push({ label: LABELS[key] ?? humanize(key), value: show(value), ...(link ? { href: link } : {}) });
  }
  return items;
}

/** A link to the audit event's target, when it is something an admin can open. */
export function targetHref(targetType: string | null, targetId: string | null): string | undefined {
  if (!targetType || !targetId) return undefined;
  return TARGET_LINKS[targetType.toLowerCase()]?.(targetId);
}
