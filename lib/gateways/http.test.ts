import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withLogContext } from "../log-context";
import { metrics } from "../metrics";
import { send, TransportError } from "./http";

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/echo") return res.end(JSON.stringify({ method: req.method, body, type: req.headers["content-type"] }));
      if (url.pathname === "/redirect") return res.writeHead(302, { location: "/echo?from=redirect" }).end();
      if (url.pathname === "/slow-headers") return setTimeout(() => res.end("late"), 500);
      if (url.pathname === "/slow-body") {
        res.writeHead(200);
        res.write("partial");
        return setTimeout(() => res.end("rest"), 500);
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("gateway HTTP transport", () => {
  it("posts the body with its headers and returns status, headers and text", async () => {
    const res = await send({ url: `${base}/echo`, method: "POST", headers: { "content-type": "application/json" }, body: '{"a":"é"}', timeoutMs: 2000 });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ method: "POST", body: '{"a":"é"}', type: "application/json" });
    expect(res.durationMs).toBeGreaterThan(0);
  });

  it("hands back a redirect untouched when told to (BluePay's bp10emu answers with one), and follows it otherwise", async () => {
    const manual = await send({ url: `${base}/redirect`, method: "POST", body: "x=1", timeoutMs: 2000, redirect: "manual" });
    expect(manual.status).toBe(302);
    expect(manual.headers.get("location")).toBe("/echo?from=redirect");
    const followed = await send({ url: `${base}/redirect`, method: "POST", body: "x=1", timeoutMs: 2000 });
    expect(JSON.parse(followed.text)).toMatchObject({ method: "GET", body: "" });
  });

  it("gives up at the deadline, before the headers or in the middle of the body, as a timeout", async () => {
    for (const path of ["/slow-headers", "/slow-body"]) {
      const err = await send({ url: `${base}${path}`, method: "GET", timeoutMs: 100 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransportError);
      expect(err).toMatchObject({ failure: "timeout" });
      expect((err as TransportError).durationMs).toBeLessThan(450);
    }
  });

  it("reports a refused connection as a network failure", async () => {
    const err = await send({ url: "http://127.0.0.1:1/", method: "GET", timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: "network" });
  });

  it("drops an idle kept-alive connection before the gateway closes it, so a payment is never written onto a closing socket", async () => {
    // A gateway that announces a 2 s idle limit and closes each idle connection exactly then.
    const IDLE_LIMIT_MS = 2000;
    let connections = 0;
    const gateway = createTcpServer((socket: Socket) => {
      connections++;
      let idle: NodeJS.Timeout | undefined;
      socket.on("data", () => {
        clearTimeout(idle);
        socket.write("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\nkeep-alive: timeout=2\r\n\r\nok");
        idle = setTimeout(() => socket.destroy(), IDLE_LIMIT_MS);
      });
      socket.on("error", () => undefined);
    });
    await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/`;
    try {
      await send({ url, method: "POST", body: "x=1", timeoutMs: 2000 });
      // The app is busy (rendering a page) as the gateway's idle limit passes: the next payment is
      // written in the same instant the gateway closes. On the first connection it would be reset.
      await new Promise((r) => setTimeout(r, IDLE_LIMIT_MS - 50));
      const busyUntil = performance.now() + 150;
      while (performance.now() < busyUntil);
      const res = await send({ url, method: "POST", body: "x=2", timeoutMs: 2000 });
      expect(res.text).toBe("ok");
      expect(connections).toBe(2);
    } finally {
      gateway.close();
    }
  });

  it("times every call for the gateway and operation its log context names, by outcome", async () => {
    const count = async (labels: Record<string, string>) =>
      (await metrics.gatewayDuration.get()).values.find((v) => v.metricName === "keyed_gateway_request_duration_seconds_count" && Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l))?.value ?? 0;
    const answered = { gateway: "bepaid", operation: "sale", outcome: "2xx" };
    const timedOut = { gateway: "bepaid", operation: "sale", outcome: "timeout" };
    const [answeredBefore, timedOutBefore] = [await count(answered), await count(timedOut)];
    await withLogContext({ gateway: "bepaid", account: "acc1", operation: "sale" }, async () => {
      await send({ url: `${base}/echo`, method: "POST", body: "x", timeoutMs: 2000 });
      await send({ url: `${base}/slow-headers`, method: "GET", timeoutMs: 50 }).catch(() => undefined);
    });
    expect(await count(answered)).toBe(answeredBefore + 1);
    expect(await count(timedOut)).toBe(timedOutBefore + 1);
  });
});
