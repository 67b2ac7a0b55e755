// The app process's job queue, started by instrumentation.ts and stopped when the process starts to
// drain (lib/shutdown.ts; no SIGTERM listener here, which would replace Node's default exit): it takes
// no new job, lets a running one finish, and hands back what is left to be retried elsewhere. A node
// killed without draining leaves its running job to be failed by timeout and retried elsewhere.
import { db } from "../db";
import { log } from "../log";
import { onDrain } from "../shutdown";
import { setAppQueue, startQueue, stopJobQueue } from "./queue";
import { JOBS } from "./registry";

export async function startAppJobQueue(): Promise<void> {
  try {
    setAppQueue(await startQueue(db, JOBS));
    onDrain(() => void stopJobQueue().catch((err: unknown) => log.error({ err }, "job queue: stopping failed")));
  } catch (err) {
    // /api/ready answers 503 (job queue stopped) until a restart starts it.
    log.error({ err }, "job queue: could not start");
  }
}
