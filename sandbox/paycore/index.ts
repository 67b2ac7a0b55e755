import { json, type Simulator } from "../types";

// Placeholder until the paycore simulator is written.
export const paycoreSimulator: Simulator<Record<string, never>> = {
  name: "paycore",
  initialState: () => ({}),
  handle: () => json(501, { error: "not implemented" }),
  settle: () => 0,
  ledger: () => [],
};
