import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

describe("metrics across the app's worker processes", () => {
  it("add up every worker's counts in the scrape that one worker answers", async () => {
    const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");
    const { stdout } = await promisify(execFile)(tsx, [join(process.cwd(), "lib", "metrics", "cluster-fixture.ts")], { timeout: 30_000 });
    expect(stdout).toMatch(/^fixture_sales_total 3$/m);
    expect(stdout).toMatch(/^keyed_metrics_processes\{answered="yes"\} 2$/m);
    expect(stdout).toMatch(/^keyed_metrics_processes\{answered="no"\} 0$/m);
  }, 40_000);
});
