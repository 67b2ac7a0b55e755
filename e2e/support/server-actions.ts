// Forged-request helpers: capture the HTTP request a real server action makes in the browser,
// then replay it from another user's session, as an attacker with devtools would.
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import { APP_URL } from "./env";

export interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: string;
}

// What Next.js needs to route a server action; cookies come from the replaying context instead.
const KEEP = ["next-action", "next-router-state-tree", "content-type", "accept"];

/** Runs `trigger` and returns the first server-action POST the page sends while it runs. */
export async function captureServerAction(page: Page, trigger: () => Promise<unknown>): Promise<CapturedAction> {
  const captured = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await trigger();
  const request = await captured;
  const all = request.headers();
  return {
    url: request.url(),
    headers: Object.fromEntries(KEEP.filter((h) => all[h] !== undefined).map((h) => [h, all[h]!])),
    body: request.postData() ?? "",
  };
}

/** Sends a captured action with the cookies of `request` (e.g. another signed-in page's `page.request`). */
export function replayServerAction(request: APIRequestContext, action: CapturedAction, body = action.body): Promise<APIResponse> {
  return request.post(action.url, { headers: { ...action.headers, origin: APP_URL }, data: body, maxRedirects: 0 });
}
