// `npm run doctor`: each production check with pass/fail, for an operator (lib/cli/production-checks.ts).
// Exits 1 when any check fails.
import { formatChecks, productionChecks } from "./production-checks";

const results = await productionChecks(process.env, { demoDataAsked: process.env.KEYED_DEMO_DATA === "1" });
console.log(formatChecks(results));
const failed = results.filter((r) => !r.ok).length;
console.log(failed ? `\n${failed} check(s) failed` : "\nevery production check passed");
process.exit(failed ? 1 : 0);
