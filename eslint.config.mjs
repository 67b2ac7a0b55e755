import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // Code the browser loads parses with zod/mini: full zod is ~30 kB more JavaScript per page.
    files: ["components/**/*.{ts,tsx}", "lib/validation/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "zod", allowTypeImports: true, message: "Use zod/mini here (see lib/validation/payment.ts): full zod is ~30 kB more JavaScript per page." }] }],
    },
  },
  {
    files: ["e2e/**/*.ts"],
    ignores: ["e2e/support/fixtures.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@playwright/test", importNames: ["test"], message: "Import test from e2e/support/fixtures: it fails a test on a browser console error." }] },
      ],
    },
  },
  {
    ignores: [".next*/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "e2e/artifacts/**", "next-env.d.ts"],
  },
];

export default config;
