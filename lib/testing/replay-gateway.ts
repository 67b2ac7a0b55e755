// A stand-in gateway for fixture tests: answers each request with the next recorded reply, in
// order, and keeps what the client sent so a test can compare it with the recorded request.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedReply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface ReplayGateway {
  url: string;
  sent: SentRequest[];
  close(): Promise<void>;
}

export async function replayGateway(replies: RecordedReply[]): Promise<ReplayGateway> {
  const queue = [...replies];
  const sent: SentRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      sent.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const reply = queue.shift();
      if (!reply) return res.writeHead(599).end("no recorded reply left");
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
