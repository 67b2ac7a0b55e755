// A small HTTP load balancer for the process tests and the soak, doing what a real one in front of
// several Keyed instances does: it polls each instance's /api/ready and sends each request to a ready
// one (round-robin, or the first ready in the order given), a refused connection is tried on the next
// instance (nothing was sent), and a connection that breaks mid-request answers 502 (the client may
// retry: every money-moving submit carries its idempotency key). Not for production: use nginx,
// HAProxy or a cloud load balancer there.
import { Agent, createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Balancer {
  url: string;
  /** Requests answered by each upstream, by its URL. */
  routed: Record<string, number>;
  /** Requests that reached no upstream (502). */
  failed: number;
  /** Whether the balancer currently counts this upstream as ready. */
  isReady(upstream: string): boolean;
  close(): Promise<void>;
}

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"];

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out = { ...headers };
  for (const name of HOP_BY_HOP) delete out[name];
  return out;
}

export async function startBalancer(opts: { upstreams: string[]; port?: number; mode?: "round-robin" | "first-ready"; checkEveryMs?: number }): Promise<Balancer> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const ready = new Map(opts.upstreams.map((u) => [u, false]));
  const routed: Record<string, number> = Object.fromEntries(opts.upstreams.map((u) => [u, 0]));
  let failed = 0;
  let turn = 0;

  async function check(upstream: string): Promise<void> {
    try {
      const res = await fetch(`${upstream}/api/ready`, { signal: AbortSignal.timeout(1_000) });
      ready.set(upstream, res.status === 200);
      await res.body?.cancel();
    } catch {
      ready.set(upstream, false);
    }
  }
  const checkAll = () => Promise.all(opts.upstreams.map(check));
  await checkAll();
  const timer = setInterval(() => void checkAll(), opts.checkEveryMs ?? 250);

  /** Ready upstreams first (from this request's turn), then the others: one may have come back since the last check. */
  function order(): string[] {
    const start = opts.mode === "first-ready" ? 0 : turn++ % opts.upstreams.length;
    const rotated = [...opts.upstreams.slice(start), ...opts.upstreams.slice(0, start)];
    return [...rotated.filter((u) => ready.get(u)), ...rotated.filter((u) => !ready.get(u))];
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const candidates = order();
      const attempt = (i: number) => {
        const upstream = candidates[i];
        if (!upstream) {
          failed++;
          res.writeHead(502, { "content-type": "text/plain" }).end("no instance could be reached");
          return;
        }
        const target = new URL(req.url ?? "/", upstream);
        const out = request(target, { method: req.method, headers: { ...withoutHopByHop(req.headers), "content-length": String(body.length) }, agent }, (upRes) => {
          routed[upstream] = (routed[upstream] ?? 0) + 1;
          res.writeHead(upRes.statusCode ?? 502, withoutHopByHop(upRes.headers));
          upRes.pipe(res);
          upRes.on("error", () => res.destroy());
        });
        out.on("error", (err: NodeJS.ErrnoException) => {
          if (res.headersSent) return void res.destroy();
          if (err.code === "ECONNREFUSED") {
            ready.set(upstream, false);
            return attempt(i + 1);
          }
          failed++;
          res.writeHead(502, { "content-type": "text/plain" }).end(`the instance broke off the request (${err.code ?? err.message})`);
        });
        out.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    routed,
    get failed() {
      return failed;
    },
    isReady: (upstream) => ready.get(upstream) ?? false,
    async close() {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
