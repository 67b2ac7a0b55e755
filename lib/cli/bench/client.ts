// A signed-in clerk talking to the running app over HTTP, as a browser does: Auth.js credentials
// sign-in (cookie jar), then server actions posted to a page with the `Next-Action` header. Used by
// `npm run bench` and `npm run soak`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Agent, request as httpRequest, type IncomingHttpHeaders } from "node:http";

/** Many concurrent clients: keep-alive sockets, no per-origin cap lower than the load. */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ActionRef {
  id: string;
  /** The page the action is posted to (any page whose bundle includes the action). */
  pagePath: string;
}

/**
 * Finds a server action's id in the production build: the entry of
 * server/server-reference-manifest.json whose exportedName (and file, when given) match.
 */
export function findAction(distDir: string, exportedName: string, preferPage?: string): ActionRef | null {
  const manifest = JSON.parse(readFileSync(join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node?: Record<string, { exportedName?: string; filename?: string; workers?: Record<string, unknown> }>;
  };
  for (const [id, entry] of Object.entries(manifest.node ?? {})) {
    if (entry.exportedName !== exportedName) continue;
    const pages = Object.keys(entry.workers ?? {}).filter((w) => w.startsWith("app/") && w.endsWith("/page"));
    const page = pages.find((p) => preferPage && p.includes(preferPage)) ?? pages[0];
    if (!page) continue;
    // "app/(app)/terminal/page" → "/terminal" (route groups do not appear in the URL).
    const pagePath =
      "/" +
      page
        .slice("app/".length, -"/page".length)
        .split("/")
        .filter((s) => s && !(s.startsWith("(") && s.endsWith(")")))
        .join("/");
    return { id, pagePath };
  }
  return null;
}

export type ActionOutcome<T> =
  | { kind: "result"; status: number; ms: number; value: T }
  /** Answered, but not with a returned value (HTTP error, redirect, a thrown error in the flight). */
  | { kind: "http_error"; status: number; ms: number; body: string }
  /** No answer at all (connection refused or reset, client timeout). */
  | { kind: "network_error"; ms: number; error: string };

/**
 * The value a server action returned, from its React flight response: row 0 is
 * `{"a":"$@1",…}` (or the value inline) and row 1 holds the JSON the action returned.
 */
export function parseActionResponse(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  const head = rows.get("0");
  if (!head) return { ok: false, reason: "no flight row 0" };
  let root: { a?: unknown };
  try {
    root = JSON.parse(head) as { a?: unknown };
  } catch {
    return { ok: false, reason: "row 0 is not JSON" };
  }
  let value = root.a;
  const ref = typeof value === "string" ? /^\$@([0-9a-f]+)$/.exec(value) : null;
  if (ref) {
    const row = rows.get(ref[1]!);
    if (row === undefined) return { ok: false, reason: `flight row ${ref[1]} missing` };
    if (row.startsWith("E")) return { ok: false, reason: `action threw: ${row.slice(1, 300)}` };
    try {
      value = JSON.parse(row);
    } catch {
      return { ok: false, reason: `flight row ${ref[1]} is not JSON` };
    }
  }
  return { ok: true, value: unescapeFlight(value) };
}

/** Flight escapes strings that start with "$" as "$$". */
function unescapeFlight(v: unknown): unknown {
  if (typeof v === "string") return v.startsWith("$$") ? v.slice(1) : v;
  if (Array.isArray(v)) return v.map(unescapeFlight);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unescapeFlight(x)]));
  return v;
}

export class AppClient {
  private cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 30_000,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keepCookies(headers: IncomingHttpHeaders) {
    for (const line of headers["set-cookie"] ?? []) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      if (eq < 0) continue;
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One HTTP request (redirects are not followed); rejects on a network error or after the timeout. */
  private async request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = httpRequest(
        this.baseUrl + path,
        {
          method: init.method ?? "GET",
          agent,
          headers: {
            ...init.headers,
            cookie: this.cookieHeader(),
            origin: this.baseUrl,
            ...(init.body !== undefined ? { "content-length": String(Buffer.byteLength(init.body)) } : {}),
          },
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(Object.assign(new Error("client timeout"), { code: "CLIENT_TIMEOUT" })));
      req.on("error", reject);
      req.end(init.body);
    });
    this.keepCookies(reply.headers);
    return reply;
  }

  /** Another client with this one's session (a second tab of the same signed-in browser). */
  clone(): AppClient {
    const c = new AppClient(this.baseUrl, this.timeoutMs);
    c.cookies = new Map(this.cookies);
    return c;
  }

  /** The session cookies, for handing the session to a browser. */
  cookieList(): { name: string; value: string }[] {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }

  get signedIn(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith("authjs.session-token"));
  }

  /** Auth.js credentials sign-in, with the second factor's code when the user has one; throws when no session cookie comes back. */
  async signIn(email: string, password: string, code = ""): Promise<void> {
    const csrf = await this.request("/api/auth/csrf", {});
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const res = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, code, csrfToken, callbackUrl: `${this.baseUrl}/` }).toString(),
    });
    if (!this.signedIn) throw new Error(`sign-in as ${email} failed (HTTP ${res.status}, ${res.headers.location ?? "no redirect"})`);
  }

  /** Posts a server action and returns what it returned, timed from request to the end of the body. */
  async callAction<T>(action: ActionRef, args: unknown[]): Promise<ActionOutcome<T>> {
    const started = performance.now();
    try {
      const res = await this.request(action.pagePath, {
        method: "POST",
        headers: { "next-action": action.id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" },
        body: JSON.stringify(args),
      });
      const body = res.body;
      const ms = performance.now() - started;
      if (res.status !== 200) return { kind: "http_error", status: res.status, ms, body: body.slice(0, 300) };
      const parsed = parseActionResponse(body);
      if (!parsed.ok) return { kind: "http_error", status: res.status, ms, body: parsed.reason };
      return { kind: "result", status: res.status, ms, value: parsed.value as T };
    } catch (err) {
      const e = err as Error & { code?: string };
      return { kind: "network_error", ms: performance.now() - started, error: e.code ?? e.message };
    }
  }
}
