"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";

type Failure = Extract<ActionResult<never>, { ok: false }>;

/**
 * A button's server action: busy while it runs, its error (or an unreachable server) as a message.
 * `onOk` runs with the data; `onFail` gets the whole refusal (field errors included).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run<T>(call: () => Promise<ActionResult<T>>, onOk: (data: T) => unknown, onFail?: (failure: Failure) => void): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const result = await call();
      if (result.ok) await onOk(result.data);
      else {
        setError(result.error);
        onFail?.(result);
      }
    } catch {
      setError("The server could not be reached. Try again.");
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
