// Every background job the app runs. A new one: define it beside reconcile.ts, add it here, and
// create its queue in a migration (`SELECT pgboss.create_queue('<name>', '{"policy":"standard"}')`).
import type { AnyJob } from "./define";
import { receiptEmailJob } from "./receipt-email";
import { reconcileJob } from "./reconcile";
import { recurringChargesJob } from "./recurring-charges";

export const JOBS: readonly AnyJob[] = [reconcileJob, receiptEmailJob, recurringChargesJob];
