import { bepaidSimulator } from "./bepaid";
import { bluepaySimulator } from "./bluepay";
import { paycoreSimulator } from "./paycore";
import { roverpaySimulator } from "./roverpay";
import type { Simulator } from "./types";

// The server keeps each simulator's state opaque; only the simulator itself knows its shape.
const opaque = <S>(sim: Simulator<S>) => sim as unknown as Simulator<unknown>;

export const SIMULATORS: readonly Simulator<unknown>[] = [opaque(bluepaySimulator), opaque(bepaidSimulator), opaque(roverpaySimulator), opaque(paycoreSimulator)];
