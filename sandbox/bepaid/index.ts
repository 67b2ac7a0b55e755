import { json, type Simulator } from "../types";

// Placeholder until the bepaid simulator is written.
export const bepaidSimulator: Simulator<Record<string, never>> = {
  name: "bepaid",
  initialState: () => ({}),
  handle: () => json(501, { error: "not implemented" }),
  settle: () => 0,
  ledger: () => [],
};
