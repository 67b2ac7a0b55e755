// For specs that start Keyed themselves (`npm start` in demo or production mode) and wait for it.
import type { ChildProcess } from "node:child_process";

/** Resolves once the child's output (collected into `output.text`) matches; rejects on timeout or exit. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number, output: { text: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start did not print ${pattern} within ${timeoutMs / 1000} s:\n${output.text.slice(-3000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output.text += chunk.toString();
      if (pattern.test(output.text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`start exited with ${code} before it was ready:\n${output.text.slice(-3000)}`));
    });
  });
}

/** SIGTERM, then waits up to 15 s for the exit (SIGKILL after that). */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
