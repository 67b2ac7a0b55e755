// The reconciler as a recurring job: every RECONCILE_INTERVAL_MS (default 15 s, 0 turns it off) one
// node — whichever fetches the job first — asks the gateways about pending and unknown transactions
// (lib/services/payments/reconcile.ts). One pass at a time across all nodes (a "stately" queue: one
// queued, one running); the next run is queued when a run starts, so a pass that fails or a node
// that dies mid-pass does not end the series.
import { z } from "zod";
import { log } from "../log";
import { metrics } from "../metrics";
import { reconcileOpen } from "../services/payments/reconcile";
import { reconcileIntervalMs } from "../services/payments/reconciler-state";
import { defineJob } from "./define";

export const reconcileJob = defineJob({
  name: "reconcile",
  payload: z.object({}),
  policy: "stately",
  // A failed pass is retried (the next scheduled one would come anyway, but a retry comes sooner).
  retryLimit: 2,
  retryDelaySeconds: 5,
  // A pass stops asking after 30 s (reconcileOpen's budget). The limit is also how long a crashed node's
  // run blocks the series (one running at a time) before another node takes over: measured in the
  // soak, 120 s left every sale of the killed instance open past the soak's wait.
  expireInSeconds: 60,
  pollingSeconds: 1,
  everySeconds: () => reconcileIntervalMs() / 1000,
  async run(_payload, { db }) {
    try {
      const { checked, resolved } = await reconcileOpen({ db });
      metrics.reconcilerPasses.inc({ outcome: "ok" });
      metrics.reconcilerResolved.inc(resolved);
      if (checked) log.info({ checked, resolved }, `reconciler: checked ${checked} open transaction(s), resolved ${resolved}`);
      return { checked, resolved };
    } catch (err) {
      metrics.reconcilerPasses.inc({ outcome: "failed" });
      throw err;
    }
  },
});
