// Measures 4 and 5 of `npm run bench`, in Debian's Chromium through Playwright: the terminal's
// first-load JavaScript, time to an interactive form, submit-to-result time, and the keystrokes and
// clicks a clerk needs for a sale.
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { AppClient } from "./client";
import type { Row } from "./report";
import { ms } from "./stats";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/**
 * "Interactive" = the hydrated form reacts to input: the amount field receives an input event and
 * React re-renders the submit button to name that amount ("Charge $1.00"). Before hydration the
 * server-rendered input takes the value but nothing reacts. Polled every 5 ms from the first
 * script, timed with the page's own clock (0 = navigation start).
 */
const INTERACTIVE_PROBE = `(() => {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  let n = 0;
  const poll = () => {
    const button = document.querySelector('[data-testid="submit-payment"]');
    if (button && /\\$\\d+\\.00/.test(button.textContent || "")) {
      window.__keyedInteractiveAt = performance.now();
      const input = document.querySelector('input[placeholder="0.00"]');
      if (input) { setValue.call(input, ""); input.dispatchEvent(new Event("input", { bubbles: true })); }
      return;
    }
    const input = document.querySelector('input[placeholder="0.00"]');
    if (input) {
      setValue.call(input, (n++ % 2 ? "1" : "2") + ".00");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    setTimeout(poll, 5);
  };
  if (location.pathname === "/terminal") poll();
})();`;

async function signedInContext(browser: Browser, client: AppClient): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: client.baseUrl, viewport: { width: 1280, height: 900 } });
  const url = new URL(client.baseUrl);
  await context.addCookies(client.cookieList().map((c) => ({ ...c, domain: url.hostname, path: "/", httpOnly: true, sameSite: "Lax" as const })));
  return context;
}

export interface PageResult {
  rows: Row[];
  notes: string[];
}

/** Counts every key pressed (one per typed character) and every click. */
class Clerk {
  actions = 0;
  log: string[] = [];
  constructor(readonly page: Page) {}
  async type(text: string) {
    await this.page.keyboard.type(text);
    this.actions += text.length;
    this.log.push(`type "${text}" (${text.length})`);
  }
  async press(key: string) {
    await this.page.keyboard.press(key);
    this.actions += 1;
    this.log.push(key);
  }
  async click(what: string, locator: ReturnType<Page["locator"]>) {
    await locator.click();
    this.actions += 1;
    this.log.push(`click ${what}`);
  }
}

async function coldLoad(browser: Browser, client: AppClient): Promise<{ jsBytes: number; jsFiles: number; interactiveMs: number }> {
  const context = await signedInContext(browser, client);
  await context.addInitScript(INTERACTIVE_PROBE);
  const page = await context.newPage();
  const scripts: Promise<number>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    scripts.push(res.body().then((b) => gzipSync(b).length, () => 0));
  });
  await page.goto("/terminal", { waitUntil: "load" });
  await page.waitForFunction(() => typeof (window as unknown as { __keyedInteractiveAt?: number }).__keyedInteractiveAt === "number", null, { timeout: 15_000 });
  const interactiveMs = await page.evaluate(() => (window as unknown as { __keyedInteractiveAt: number }).__keyedInteractiveAt);
  await page.waitForLoadState("networkidle");
  const sizes = await Promise.all(scripts);
  await context.close();
  return { jsBytes: sizes.reduce((a, b) => a + b, 0), jsFiles: sizes.length, interactiveMs };
}

async function openTerminal(context: BrowserContext): Promise<{ page: Page; clerk: Clerk }> {
  const page = await context.newPage();
  await page.goto("/terminal");
  // Wait for hydration (the probe's definition) so keys are not typed into a dead page.
  await page.getByRole("combobox", { name: "Find customer" }).waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="submit-payment"]');
    return !!el && Object.keys(el).some((k) => k.startsWith("__reactProps"));
  });
  return { page, clerk: new Clerk(page) };
}

async function waitForResult(page: Page): Promise<string> {
  await page.waitForURL(/\/terminal\/result\//, { timeout: 15_000 });
  const status = page.getByText(/approved|declined|error|pending|unknown/i).first();
  await status.waitFor({ timeout: 15_000 });
  return (await status.textContent())?.trim() ?? "";
}

/** Saved card of an existing customer: find the customer by name, Enter, amount, Enter. */
async function savedCardSale(context: BrowserContext, customerQuery: string): Promise<{ actions: number; log: string[]; submitToResultMs: number; requests: string[] }> {
  const { page, clerk } = await openTerminal(context);
  await clerk.type(customerQuery); // the customer search has the focus on load
  await page.getByRole("option").first().waitFor();
  await clerk.press("Enter"); // picks the first match; focus moves to the amount
  await page.getByTestId("selected-customer").waitFor();
  await page.getByRole("radio", { checked: true }).first().waitFor();
  await clerk.type("3");
  // What the submit waits for: every request from the press to the result screen, with its duration.
  const requests: string[] = [];
  page.on("requestfinished", (req) => {
    const t = req.timing();
    const path = new URL(req.url()).pathname.replace(/[a-z0-9]{20,}/g, ":id");
    requests.push(`${req.method()} ${path}${req.headers()["next-action"] ? " (action)" : req.headers()["rsc"] ? " (RSC)" : ""} ${Math.round(t.responseEnd)} ms`);
  });
  const started = performance.now();
  await clerk.press("Enter");
  await waitForResult(page);
  const submitToResultMs = performance.now() - started;
  await page.close();
  return { actions: clerk.actions, log: clerk.log, submitToResultMs, requests };
}

/** New customer, new card: amount, card, billing name and address, submit. */
async function newCustomerSale(context: BrowserContext): Promise<{ actions: number; log: string[] }> {
  const { page, clerk } = await openTerminal(context);
  const field = (label: string | RegExp) => page.getByLabel(label, { exact: typeof label === "string" });
  await clerk.press("Tab"); // from the customer search to the amount
  await clerk.type("5");
  await clerk.click("card number", field("Card number"));
  await clerk.type("4111111111111111");
  await clerk.press("Tab");
  await clerk.type("1230");
  await clerk.press("Tab");
  await clerk.type("123");
  await clerk.click("first name", field("First name"));
  await clerk.type("Ann");
  await clerk.press("Tab");
  await clerk.type("Lee");
  await clerk.press("Tab");
  await clerk.type("1 Elm St");
  await clerk.click("city", field("City"));
  await clerk.type("Reno");
  await clerk.click("postal code", field(/ZIP|postal/i));
  await clerk.type("89501");
  await clerk.press("Enter");
  await waitForResult(page);
  await page.close();
  return { actions: clerk.actions, log: clerk.log };
}

export async function measurePages(client: AppClient, customerQuery: string, log: (s: string) => void): Promise<PageResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    // The first load after `next start` compiles nothing (production), but warms the server's caches once.
    const warm = await coldLoad(browser, client);
    log(`page warm-up: ${Math.round(warm.jsBytes / 1024)} kB JS, interactive at ${warm.interactiveMs.toFixed(0)} ms`);
    const loads = [];
    for (let i = 0; i < 5; i++) loads.push(await coldLoad(browser, client));
    const first = loads[0]!;
    const interactive = loads.map((l) => l.interactiveMs).sort((a, b) => a - b)[2]!;
    const kb = first.jsBytes / 1024;
    rows.push({ measure: `First-load JS of /terminal (gzip, ${first.jsFiles} files, cold cache)`, value: `${kb.toFixed(1)} kB`, target: "≤ 150 kB", pass: kb <= 150 });
    rows.push({ measure: "Navigation → interactive terminal form (median of 5 cold loads)", value: ms(interactive), target: "≤ 1000 ms", pass: interactive <= 1000 });

    const context = await signedInContext(browser, client);
    const saved = [];
    for (let i = 0; i < 3; i++) saved.push(await savedCardSale(context, customerQuery));
    const submit = saved.map((s) => s.submitToResultMs).sort((a, b) => a - b)[1]!;
    notes.push(`Requests between submit and result screen (last saved-card sale): ${saved[2]!.requests.join(", ")}.`);
    rows.push({ measure: "Submit → result screen, saved card, 0-latency gateway (median of 3)", value: ms(submit), target: "≤ 300 ms", pass: submit <= 300 });
    rows.push({ measure: "Clerk actions: saved card of an existing customer", value: `${saved[0]!.actions} (keys + clicks)`, target: "≤ 12", pass: saved[0]!.actions <= 12 });
    notes.push(`Saved-card sale: ${saved[0]!.log.join(", ")}.`);
    const fresh = await newCustomerSale(context);
    rows.push({ measure: "Clerk actions: new customer, new card", value: `${fresh.actions} (keys + clicks)`, target: "(reported)", pass: null });
    notes.push(`New customer and card: ${fresh.log.join(", ")}.`);
    await context.close();
  } finally {
    await browser.close();
  }
  return { rows, notes };
}
