import { json, type Simulator } from "../types";

// Placeholder until the roverpay simulator is written.
export const roverpaySimulator: Simulator<Record<string, never>> = {
  name: "roverpay",
  initialState: () => ({}),
  handle: () => json(501, { error: "not implemented" }),
  settle: () => 0,
  ledger: () => [],
};
