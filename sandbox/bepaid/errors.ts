// bePaid v2 error bodies (spec §6.2): `errors` mirrors the request, each leaf an array of short
// messages; `message` is "<Humanized field> <message>." for each, joined with spaces.
import { json, type SimResponse } from "../types";
import type { JsonObject, SimSettings } from "./state";

type ErrorTree = { [key: string]: string[] | ErrorTree };

export class FieldErrors {
  readonly tree: ErrorTree = {};
  private readonly sentences: string[] = [];

  add(path: string[], message: string): void {
    let node = this.tree;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (next && !Array.isArray(next)) node = next;
      else node = node[key] = {};
    }
    const leaf = path[path.length - 1] ?? "base";
    const list = node[leaf];
    if (Array.isArray(list)) list.push(message);
    else node[leaf] = [message];
    this.sentences.push(leaf === "base" ? sentence(message) : `${humanize(leaf)} ${message.replace(/\.$/, "")}.`);
  }

  get any(): boolean {
    return this.sentences.length > 0;
  }

  get message(): string {
    return this.sentences.join(" ");
  }
}

function humanize(key: string): string {
  const s = key.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export function errorResponse(settings: SimSettings, status: number, message: string, errors?: ErrorTree | JsonObject): SimResponse {
  const body = errors ? { message, errors } : { message };
  return json(status, settings.errorEnvelope === "flat" ? body : { response: body });
}

export function fieldErrorResponse(settings: SimSettings, status: number, errs: FieldErrors): SimResponse {
  return errorResponse(settings, status, errs.message, errs.tree);
}

/** A business-rule refusal not tied to a field (spec §6.2 `errors.base`), 400 per the [SIM] status choice. */
export function baseError(settings: SimSettings, message: string): SimResponse {
  return errorResponse(settings, 400, message, { base: [message] });
}

/** §2 / Q3: attested body, [GUESS] status 401. Always wrapped (that is the recorded form). */
export function accessDenied(): SimResponse {
  return json(401, { response: { status: "error", message: "Access denied" } });
}

export function recordNotFound(): SimResponse {
  return json(404, { response: { message: "Record not found" } });
}
