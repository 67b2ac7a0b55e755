// Spec §7.4: the same request key within the window is a duplicate. Only validated requests count.
import type { BepaidState } from "./state";

export function isDuplicate(state: BepaidState, key: string, nowMs: number): boolean {
  const window = state.settings.duplicateWindowMs;
  state.recent = state.recent.filter((r) => nowMs - r.at < window);
  if (state.recent.some((r) => r.key === key)) return true;
  state.recent.push({ key, at: nowMs });
  return false;
}
