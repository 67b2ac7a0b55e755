// `npm test`: every check in order — lint, typecheck, unit, integration, next build, e2e on a
// PostgreSQL server, e2e and a browse-and-sell soak (SOAK_MINUTES, 10) on the embedded `npm start` —
// streaming each tool's output, stopping at the first failure, then a summary whose last line is
// "N passed, N failed" (tests counted over Vitest and Playwright).
//   --skip-build   use the existing production build (development only)
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = process.cwd();
// No route to Next.js telemetry on these machines; do not try.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const BIN = join(ROOT, "node_modules", ".bin");
const reportDir = mkdtempSync(join(tmpdir(), "keyed-test-"));

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface Step {
  name: string;
  cmd: string;
  args: string[];
  env?: Record<string, string>;
  /** Reads the step's test counts after it ran (undefined for steps that run no tests). */
  counts?: () => Counts | undefined;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

function vitestStep(project: "unit" | "integration"): Step {
  const report = join(reportDir, `vitest-${project}.json`);
  return {
    name: project,
    cmd: "vitest",
    args: ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    counts: () => {
      const r = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(report);
      return r && { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    },
  };
}

const playwrightReport = join(ROOT, "test-results", "playwright.json");

function playwrightStep(name: string, args: string[], env?: Record<string, string>): Step {
  return {
    name,
    cmd: "playwright",
    args: ["test", ...args],
    env,
    counts: () => {
      const r = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(playwrightReport);
      return r && { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
    },
  };
}

// The browser suite runs twice: on a PostgreSQL server, and on what a new user runs first — `npm start`
// with the embedded database (lib/cli/e2e-server.ts) — followed there by the browse-and-sell soak.
const steps: Step[] = [
  { name: "lint", cmd: "eslint", args: ["--max-warnings=0", "."] },
  { name: "typecheck", cmd: "tsc", args: ["--noEmit"] },
  vitestStep("unit"),
  vitestStep("integration"),
  { name: "build", cmd: "next", args: ["build"] },
  playwrightStep("e2e", []),
  playwrightStep("e2e-embedded", [], { E2E_DATABASE: "embedded" }),
  playwrightStep("soak", ["-c", "playwright.soak.config.ts"]),
];

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(join(BIN, step.cmd), step.args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...step.env } });
    child.on("error", (err) => {
      console.error(`test: cannot run ${step.cmd}: ${err.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

interface Outcome {
  name: string;
  status: "passed" | "failed" | "skipped" | "not run";
  seconds?: number;
  counts?: Counts;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

async function main(): Promise<number> {
  const skipBuild = process.argv.includes("--skip-build");
  if (skipBuild && !existsSync(join(ROOT, ".next", "BUILD_ID"))) {
    console.error("test: --skip-build needs an existing production build (.next/BUILD_ID)");
    return 2;
  }
  const outcomes: Outcome[] = [];
  let failed = false;
  const started = Date.now();

  for (const step of steps) {
    if (failed) {
      outcomes.push({ name: step.name, status: "not run" });
      continue;
    }
    if (step.name === "build" && skipBuild) {
      outcomes.push({ name: step.name, status: "skipped" });
      continue;
    }
    console.log(`\n━━━ ${step.name}: ${[step.cmd, ...step.args].join(" ")}\n`);
    if (step.cmd === "playwright") rmSync(playwrightReport, { force: true });
    const t0 = Date.now();
    const code = await run(step);
    const outcome: Outcome = { name: step.name, status: code === 0 ? "passed" : "failed", seconds: seconds(Date.now() - t0), counts: step.counts?.() };
    outcomes.push(outcome);
    if (code !== 0) failed = true;
  }

  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  console.log("\n━━━ summary");
  for (const o of outcomes) {
    const c = o.counts;
    const tests = c ? `  ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}` : "";
    const time = o.seconds !== undefined ? `${o.seconds.toFixed(1).padStart(7)} s` : "".padStart(9);
    console.log(`  ${o.name.padEnd(12)} ${o.status.padEnd(8)} ${time}${tests}`);
    if (c) {
      total.passed += c.passed;
      total.failed += c.failed;
      total.skipped += c.skipped;
    }
    // A failed step with no failed test in it (lint, typecheck, build, or a runner that could not
    // start) still counts as one failure, so the closing line never reads as a clean run.
    if (o.status === "failed" && !(c && c.failed > 0)) total.failed += 1;
  }
  console.log(`  ${"total".padEnd(12)} ${(failed ? "failed" : "passed").padEnd(8)} ${seconds(Date.now() - started).toFixed(1).padStart(7)} s`);
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
  return failed ? 1 : 0;
}

main()
  .then((code) => {
    rmSync(reportDir, { recursive: true, force: true });
    process.exit(code);
  })
  .catch((err: Error) => {
    console.error(`test: ${err.stack ?? err.message}`);
    process.exit(1);
  });
