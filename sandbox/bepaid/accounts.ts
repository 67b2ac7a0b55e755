// Sandbox-only demo shop. These are NOT bePaid credentials: they work against the local simulator only.

/** Keys match the client's credentials schema (shopId, secretKey). Sandbox demo values. */
export const DEMO_CREDENTIALS = {
  shopId: "21000",
  secretKey: "c62ba280f0fe0d579947405243326c08937f79e287bdc5421750b84c97df053e",
} as const;

/** Shops the simulator accepts, by Shop ID. */
export const SHOPS: Readonly<Record<string, { secretKey: string }>> = {
  [DEMO_CREDENTIALS.shopId]: { secretKey: DEMO_CREDENTIALS.secretKey },
};

/** Shop ID from `Authorization: Basic …` when the secret matches, otherwise undefined. */
export function authenticate(header: string | undefined): string | undefined {
  const user = basicUser(header);
  if (!user) return undefined;
  const shop = SHOPS[user.id];
  return shop && shop.secretKey === user.secret ? user.id : undefined;
}

export function basicUser(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
