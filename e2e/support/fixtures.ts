// `test` and `expect` for every spec: a test fails when any page it opened logged an error to the
// browser console or threw an uncaught exception (issue 14: "the suite fails on a console error").
// Pages in contexts a spec makes itself (browser.newContext / newPage) are watched too.
import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";

export { expect };

/** Chromium's console line for a response with this status (it logs every one of 400 or more). */
export const failedToLoad = (status: number) => new RegExp(`^Failed to load resource: the server responded with a status of ${status}\\b`);

function watch(context: BrowserContext, allowed: RegExp[], errors: string[]): void {
  context.on("console", (message) => {
    if (message.type() !== "error" || allowed.some((re) => re.test(message.text()))) return;
    errors.push(`console error on ${message.page()?.url() ?? "?"}: ${message.text()}`);
  });
  context.on("weberror", (error) => errors.push(`uncaught on ${error.page()?.url() ?? "?"}: ${error.error().message}`));
}

export const test = base.extend<{
  /**
   * Lets this test's pages log a console error it provokes on purpose (a page it expects to be
   * refused, a server failure it causes). Say why at the call; keep the pattern as narrow as that.
   */
  allowConsoleError: (pattern: RegExp) => void;
  consoleAllowList: RegExp[];
  consoleGuard: void;
}>({
  consoleAllowList: async ({}, run) => run([]),
  allowConsoleError: async ({ consoleAllowList }, run) => run((pattern) => void consoleAllowList.push(pattern)),
  consoleGuard: [
    async ({ context, browser, consoleAllowList }, run) => {
      const errors: string[] = [];
      watch(context, consoleAllowList, errors);
      // Browser has no event for a new context, so its factory is wrapped for this test only.
      const newContext = browser.newContext.bind(browser);
      const patched: Browser["newContext"] = async (options) => {
        const made = await newContext(options);
        watch(made, consoleAllowList, errors);
        return made;
      };
      browser.newContext = patched;
      try {
        await run();
      } finally {
        browser.newContext = newContext;
      }
      expect(errors, "the browser console must stay free of errors").toEqual([]);
    },
    { auto: true },
  ],
});
