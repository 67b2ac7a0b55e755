import { describe, expect, it } from "vitest";
import { logContext, type LogContext } from "../log-context";
import { metrics } from "../metrics";
import { observed } from "./observed";
import type { GatewayClient, GatewayResult } from "./types";

const result = (r: Partial<GatewayResult>): GatewayResult => ({ status: "approved", message: "", raw: { request: null, response: null }, durationMs: 1, ...r });

async function paymentsCount(labels: Record<string, string>): Promise<number> {
  const values = (await metrics.payments.get()).values;
  return values.find((v) => Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l))?.value ?? 0;
}

describe("an observed gateway client", () => {
  it("runs each call in a log context naming gateway, account and operation, and counts payments by the outcome the transaction records", async () => {
    const seen: (LogContext | undefined)[] = [];
    const answers = [result({ status: "approved" }), result({ status: "error", errorKind: "unknown_outcome" }), result({ status: "declined" })];
    const fake = {
      kind: "bepaid",
      capabilities: { authorize: true },
      async sale() {
        seen.push(logContext());
        return answers.shift()!;
      },
      async refund() {
        throw new Error("socket hang up");
      },
    } as unknown as GatewayClient;
    const client = observed(fake, { id: "acc-1", kind: "bepaid" });
    const labels = (outcome: string, operation = "sale") => ({ operation, gateway: "bepaid", account: "acc-1", outcome });
    const before = await Promise.all(["approved", "unknown", "declined"].map((o) => paymentsCount(labels(o))));
    const refundBefore = await paymentsCount(labels("unknown", "refund"));

    for (let i = 0; i < 3; i++) await client.sale({} as never);
    await expect(client.refund({} as never)).rejects.toThrow("socket hang up");

    expect(client.kind).toBe("bepaid");
    expect(client.capabilities.authorize).toBe(true);
    expect(seen[0]).toMatchObject({ gateway: "bepaid", account: "acc-1", operation: "sale" });
    expect(logContext()).toBeUndefined();
    const after = await Promise.all(["approved", "unknown", "declined"].map((o) => paymentsCount(labels(o))));
    expect(after).toEqual(before.map((n) => n + 1));
    expect(await paymentsCount(labels("unknown", "refund"))).toBe(refundBefore + 1);
  });
});
