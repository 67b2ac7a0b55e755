import { json, type Simulator } from "../types";

// Placeholder until the bluepay simulator is written.
export const bluepaySimulator: Simulator<Record<string, never>> = {
  name: "bluepay",
  initialState: () => ({}),
  handle: () => json(501, { error: "not implemented" }),
  settle: () => 0,
  ledger: () => [],
};
