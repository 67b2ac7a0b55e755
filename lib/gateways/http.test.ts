import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

});
