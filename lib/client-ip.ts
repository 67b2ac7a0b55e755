// Who is calling, for throttling and the audit log. X-Forwarded-For is whatever the client wrote
// unless a proxy we run wrote it, so it is read only when the connection comes from a proxy listed
// in TRUSTED_PROXIES (addresses or CIDR ranges, comma-separated; none by default). The connection's
// own address reaches the app in PEER_HEADER, set by the server for every request (overwriting any
// the client sent): Next.js gives route handlers and server actions headers, not the socket.
import { BlockList, isIP } from "node:net";

export const PEER_HEADER = "x-keyed-peer";

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) → "10.0.0.1". */
function normalize(address: string): string {
  const a = address.trim();
  return a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

let cached: { spec: string; list: BlockList } | undefined;

/** The TRUSTED_PROXIES list, parsed once per value. An entry that is not an address or range is refused loudly. */
export function trustedProxies(spec = process.env.TRUSTED_PROXIES ?? ""): BlockList {
  if (cached?.spec === spec) return cached.list;
  const list = new BlockList();
  for (const entry of spec.split(",").map((e) => e.trim()).filter(Boolean)) {
    const [address = "", bits] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (!isIP(address) || (bits !== undefined && !/^\d{1,3}$/.test(bits))) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  cached = { spec, list };
  return list;
}

const trusted = (list: BlockList, address: string) => isIP(address) !== 0 && list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

/**
 * The client's address: the connection's, or — when that is a trusted proxy — the right-most address
 * in X-Forwarded-For that is not itself a trusted proxy (the left-most entries are the client's to forge).
 */
export function clientIp(headers: Headers, proxies: BlockList = trustedProxies()): string | null {
  const peer = headers.get(PEER_HEADER);
  if (!peer) return null;
  const direct = normalize(peer);
  if (!trusted(proxies, direct)) return direct;
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter((a) => isIP(a) !== 0);
  for (let i = chain.length - 1; i >= 0; i--) if (!trusted(proxies, chain[i]!)) return chain[i]!;
  return chain[0] ?? direct;
}
