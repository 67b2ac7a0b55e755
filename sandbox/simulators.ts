import { bepaidSimulator } from "./bepaid";
import { bluepaySimulator } from "./bluepay";
import { paycoreSimulator } from "./paycore";
import { roverpaySimulator } from "./roverpay";
import type { Simulator } from "./types";

export const SIMULATORS: readonly Simulator<never>[] = [bluepaySimulator, bepaidSimulator, roverpaySimulator, paycoreSimulator] as readonly Simulator<never>[];
