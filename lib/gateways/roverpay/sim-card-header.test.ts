// Rover Pay's test-mode card-reader header carries the card number in clear (issue 13, finding 4): it
// went to whatever URL a test-mode account had. Only the local sandbox may receive it.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_CREDENTIALS } from "../../../sandbox/roverpay/accounts";
import { roverpayDefinition } from "./index";
import { SIM_CARD_HEADER } from "./spec-guesses";

const seen: IncomingHttpHeaders[] = [];
const servers: Server[] = [];

async function listen(host: string): Promise<string> {
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

let local: string;
let elsewhere: string;
beforeAll(async () => {
  local = await listen("127.0.0.1");
  // Any address that is not the sandbox's: 127.0.0.2 stands in for a host an admin typed.
  elsewhere = await listen("127.0.0.2");
});
afterAll(() => servers.forEach((s) => s.close()));

async function tokenizeAt(baseUrl: string) {
  const client = roverpayDefinition.create({ id: "a", kind: "roverpay", mode: "test", baseUrl, currency: "USD", timeoutMs: 2000, credentials: { ...DEMO_CREDENTIALS } });
  seen.length = 0;
  await client.tokenize({
    card: { number: "4111111111111111", expMonth: 12, expYear: 2030, cvv: "987", holderName: "Pat Tester" },
    billing: { firstName: "Pat", lastName: "Tester", address1: "1 Main St", city: "Irvine", state: "CA", postalCode: "12345", country: "US" },
    currency: "USD",
    orderId: "O-1",
    reference: "R-1",
  });
  return seen.map((h) => h[SIM_CARD_HEADER.toLowerCase()]);
}

it("goes to the local sandbox in test mode, and to no other host", async () => {
  expect(await tokenizeAt(local)).toEqual([expect.stringContaining("4111111111111111")]);
  expect(await tokenizeAt(elsewhere)).toEqual([undefined]);
});
