// The sandbox HTTP server: mounts each gateway simulator under its own prefix
// (/bluepay, /bepaid, /roverpay, /paycore), applies fault injection around them, and serves a
// small control API under /_sandbox for tests, demos and benchmarks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { AddressInfo } from "node:net";
import { FaultTable, garble, type FaultRule } from "./faults";
import { createMailCatcher, mailPage, type MailCatcher, type MailFault } from "./mail";
import { SIMULATORS } from "./simulators";
import type { SimContext, SimRequest, SimResponse, Simulator } from "./types";
import { DEMO_CREDENTIALS as BEPAID_DEMO } from "./bepaid/accounts";
import { webhookPublicKey } from "./bepaid/webhooks";

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** Persist simulator state to this JSON file so a demo survives a restart. */
  stateFile?: string;
  /** Settle every open batch when the local date changes (default true). */
  dailyCutoff?: boolean;
  /** Where the SMTP mail catcher listens; none when unset. */
  smtpPort?: number;
  log?: (line: string) => void;
}

export interface Sandbox {
  url: string;
  port: number;
  faults: FaultTable;
  mail: MailCatcher | undefined;
  state: Record<string, unknown>;
  settle(gateway?: string): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY = 1_000_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function createSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? "127.0.0.1";
  const log = opts.log ?? (() => {});
  const faults = new FaultTable();
  const sims = new Map<string, Simulator<unknown>>(SIMULATORS.map((s) => [s.name, s]));

  const fresh = () => Object.fromEntries([...sims.values()].map((s) => [s.name, s.initialState()]));
  let state: Record<string, unknown> = fresh();
  if (opts.stateFile) {
    try {
      const saved = JSON.parse(readFileSync(opts.stateFile, "utf8")) as Record<string, unknown>;
      state = { ...state, ...saved };
      log(`sandbox: state loaded from ${opts.stateFile}`);
    } catch {
      /* no state yet */
    }
  }

  let saveTimer: NodeJS.Timeout | undefined;
  const changed = () => {
    if (!opts.stateFile || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      mkdirSync(dirname(opts.stateFile!), { recursive: true });
      writeFileSync(opts.stateFile!, JSON.stringify(state));
    }, 200);
  };

  const pendingTimers = new Set<NodeJS.Timeout>();
  const sendCallback: SimContext["sendCallback"] = (url, init, delayMs = 300) => {
    const attempt = (n: number) => {
      const t = setTimeout(async () => {
        pendingTimers.delete(t);
        try {
          const r = await fetch(url, { method: "POST", headers: init.headers, body: init.body });
          if (r.status >= 500 && n < 3) attempt(n + 1);
        } catch {
          if (n < 3) attempt(n + 1);
        }
      }, n === 0 ? delayMs : 1000 * n);
      pendingTimers.add(t);
    };
    attempt(0);
  };

  let port = 0;
  const ctxFor = (name: string): SimContext => ({
    baseUrl: `http://${host}:${port}/${name}`,
    changed,
    sendCallback,
    now: () => new Date(),
  });

  const settle = (gateway?: string) => {
    const out: Record<string, number> = {};
    for (const sim of sims.values()) {
      if (gateway && sim.name !== gateway) continue;
      out[sim.name] = sim.settle(state[sim.name], ctxFor(sim.name));
    }
    changed();
    return out;
  };

  const hanging = new Set<ServerResponse>();
  const mail = opts.smtpPort === undefined ? undefined : await createMailCatcher({ port: opts.smtpPort, host, log });

  function mailControl(req: IncomingMessage, res: ServerResponse, path: string, input: Record<string, unknown>) {
    if (!mail) return sendJson(res, 404, { error: "this sandbox runs no mail catcher" });
    if (path === "/_sandbox/mail" && req.method === "DELETE") {
      mail.clear();
      return sendJson(res, 200, { ok: true });
    }
    if (path === "/_sandbox/mail") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(mailPage(mail.messages()));
    }
    if (path === "/_sandbox/mail.json") return sendJson(res, 200, { port: mail.port, messages: mail.messages() });
    if (path === "/_sandbox/mail/fault" && req.method === "POST") {
      const fault = input.mode === "refuse" || input.mode === "stall" ? (input.mode as MailFault) : null;
      mail.setFault(fault);
      return sendJson(res, 200, { fault });
    }
    const one = /^\/_sandbox\/mail\/(\d+)\.html$/.exec(path);
    const found = one ? mail.find(Number(one[1])) : undefined;
    if (found) {
      // The mail's own HTML, shown without scripts: it came from the app, but a page is a page.
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'" });
      return res.end(found.html);
    }
    return sendJson(res, 404, { error: "no such mail" });
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string) {
    const body = req.method === "POST" ? await readBody(req) : "";
    const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (path === "/_sandbox/health") return sendJson(res, 200, { ok: true, gateways: [...sims.keys()], smtpPort: mail?.port ?? null });
    if (path === "/_sandbox/mail" || path.startsWith("/_sandbox/mail/") || path === "/_sandbox/mail.json") return mailControl(req, res, path, input);
    if (path === "/_sandbox/settle" && req.method === "POST") {
      return sendJson(res, 200, { settled: settle(typeof input.gateway === "string" ? input.gateway : undefined) });
    }
    if (path === "/_sandbox/faults" && req.method === "POST") {
      return sendJson(res, 200, faults.add(input as unknown as Omit<FaultRule, "id">));
    }
    if (path === "/_sandbox/faults" && req.method === "DELETE") {
      faults.clear();
      return sendJson(res, 200, { ok: true });
    }
    if (path === "/_sandbox/faults") return sendJson(res, 200, { rules: faults.list(), baseLatencyMs: faults.baseLatencyMs });
    // The demo shop's webhook public key, to paste into a bePaid account's settings (spec §9 [SIM]).
    if (path === "/_sandbox/bepaid/webhook-key") return sendJson(res, 200, { shopId: BEPAID_DEMO.shopId, publicKey: webhookPublicKey(BEPAID_DEMO.shopId) });
    if (path === "/_sandbox/latency" && req.method === "POST") {
      faults.baseLatencyMs = Number(input.ms ?? 0);
      return sendJson(res, 200, { baseLatencyMs: faults.baseLatencyMs });
    }
    if (path === "/_sandbox/reset" && req.method === "POST") {
      state = fresh();
      faults.clear();
      mail?.clear();
      mail?.setFault(null);
      changed();
      return sendJson(res, 200, { ok: true });
    }
    const ledger = /^\/_sandbox\/ledger\/([a-z]+)$/.exec(path);
    if (ledger && sims.has(ledger[1]!)) {
      const sim = sims.get(ledger[1]!)!;
      return sendJson(res, 200, { entries: sim.ledger(state[sim.name]) });
    }
    return sendJson(res, 404, { error: "unknown control endpoint" });
  }

  async function gateway(req: IncomingMessage, res: ServerResponse, sim: Simulator<unknown>, url: URL) {
    const simReq: SimRequest = {
      method: req.method ?? "GET",
      path: url.pathname.slice(sim.name.length + 1) || "/",
      query: url.searchParams,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v])),
      rawBody: await readBody(req),
    };
    const fault = faults.pick(sim.name, sim.accountOf?.(simReq), simReq.path);
    if (faults.baseLatencyMs > 0) await sleep(faults.baseLatencyMs);
    if (fault) log(`sandbox: fault ${fault.mode} on ${sim.name}${simReq.path}`);
    if (fault?.mode === "latency") await sleep(fault.latencyMs ?? 1000);
    if (fault?.mode === "timeout-before") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (fault?.mode === "5xx") {
      res.writeHead(503, { "content-type": "text/html" });
      res.end("<html><body><h1>503 Service Unavailable</h1></body></html>");
      return;
    }
    let out: SimResponse;
    try {
      out = await sim.handle(simReq, state[sim.name], ctxFor(sim.name));
    } catch (err) {
      log(`sandbox: ${sim.name} simulator failed: ${(err as Error).message}`);
      out = { status: 500, headers: { "content-type": "text/plain" }, body: "Internal Server Error" };
    }
    changed();
    if (fault?.mode === "timeout") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    const headers = { ...(out.headers ?? {}) };
    if (fault?.mode === "malformed") {
      // bp10emu carries its result in the Location header, so garble that too.
      for (const name of Object.keys(headers)) if (name.toLowerCase() === "location") headers[name] = headers[name]!.slice(0, Math.floor(headers[name]!.length / 2));
    }
    res.writeHead(out.status, headers);
    res.end(fault?.mode === "malformed" ? garble(out.body) : out.body);
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${host}`);
    const path = url.pathname;
    const handle = async () => {
      if (path === "/health") return sendJson(res, 200, { ok: true });
      if (path.startsWith("/_sandbox/")) return control(req, res, path);
      const name = path.split("/")[1] ?? "";
      const sim = sims.get(name);
      if (!sim) return sendJson(res, 404, { error: `no simulator at /${name}` });
      return gateway(req, res, sim, url);
    };
    handle().catch((err: Error) => {
      if (!res.headersSent) sendJson(res, 400, { error: err.message });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  let lastDay = new Date().toDateString();
  const cutoff =
    opts.dailyCutoff === false
      ? undefined
      : setInterval(() => {
          const today = new Date().toDateString();
          if (today !== lastDay) {
            lastDay = today;
            log(`sandbox: daily cut-off, settled ${JSON.stringify(settle())}`);
          }
        }, 60_000);
  cutoff?.unref();

  return {
    url: `http://${host}:${port}`,
    port,
    faults,
    mail,
    get state() {
      return state;
    },
    settle,
    reset: () => {
      state = fresh();
      faults.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (cutoff) clearInterval(cutoff);
        for (const t of pendingTimers) clearTimeout(t);
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => void (mail ? mail.close() : Promise.resolve()).then(() => resolve()));
      }),
  };
}
