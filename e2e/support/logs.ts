import { existsSync, readFileSync } from "node:fs";
import { APP_LOG } from "./env";

/** Everything the app server (next start) has printed so far in this run. */
export function appLog(): string {
  return existsSync(APP_LOG) ? readFileSync(APP_LOG, "utf8") : "";
}
