import { db } from "../../db";
import { reconcileOpen } from "./reconcile";

let timer: NodeJS.Timeout | undefined;

/** Runs reconciliation passes on a timer; a pass never overlaps the previous one. */
export function startReconciler(intervalMs: number): void {
  if (timer) return;
  let running = false;
  timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const { checked, resolved } = await reconcileOpen({ db });
      if (checked) console.log(`reconciler: checked ${checked} open transaction(s), resolved ${resolved}`);
    } catch (err) {
      console.error(`reconciler: pass failed: ${(err as Error).message}`);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
}
