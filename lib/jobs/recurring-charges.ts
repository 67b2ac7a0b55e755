// The recurring charger as a recurring job: every RECURRING_INTERVAL_MS (default 60 s, 0 turns it off)
// one node runs a pass of chargeDue (lib/services/recurring.ts). One pass at a time across all nodes (a
// "stately" queue); what makes each due date charged once is the database (a unique charge row per
// schedule and due date), not this job, so a pass retried after a crash charges nothing twice.
import { z } from "zod";
import { log } from "../log";
import { chargeDue, recurringIntervalMs } from "../services/recurring";
import { defineJob } from "./define";

export const recurringChargesJob = defineJob({
  name: "recurring-charges",
  payload: z.object({}),
  policy: "stately",
  retryLimit: 2,
  retryDelaySeconds: 5,
  // A pass makes at most a few dozen gateway calls, each bounded by its account's timeout.
  expireInSeconds: 120,
  pollingSeconds: 2,
  everySeconds: () => recurringIntervalMs() / 1000,
  async run(_payload, { db }) {
    const report = await chargeDue({ db });
    if (report.claimed || report.retried || report.resumed || report.reconciled) log.info(report, "recurring: charger pass");
    return report;
  },
});
