// `npm run soak:embedded`: the browse-and-sell soak (e2e/soak) against `npm start` on the embedded
// database, for SOAK_MINUTES (10 by default). Same browser and server as the e2e suite.
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

process.env.E2E_DATABASE = "embedded";

export default defineConfig({
  ...base,
  testDir: "e2e/soak",
  testMatch: "**/*.soak.ts",
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
});
