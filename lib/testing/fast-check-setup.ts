// Property tests search with a fresh random seed on a developer's machine, so they keep finding
// new inputs; CI replays one fixed seed (FC_SEED to change it) so a run is reproducible.
// A failure prints its seed and counterexample either way.
import fc from "fast-check";

if (process.env.CI || process.env.FC_SEED) {
  fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261121) });
}
