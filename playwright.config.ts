import { defineConfig, devices } from "@playwright/test";
import { APP_URL } from "./e2e/support/env";

// Debian's Chromium (Playwright cannot download its own browser on these machines).
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: APP_URL,
    screenshot: "only-on-failure",
    trace: "off",
    // No colour transitions: axe reads a button's colours mid-transition (a hovered button under the pointer
    // after a click) and reports a contrast failure that no settled page has.
    reducedMotion: "reduce",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  // A fresh database, the sandbox and `next start` on the existing production build.
  webServer: {
    command: "node_modules/.bin/tsx lib/cli/e2e-server.ts",
    url: `${APP_URL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
