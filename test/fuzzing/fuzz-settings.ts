import fc from "fast-check";

/**
 * The settings of every property in test/fuzzing/: one fixed seed, so that a failure in CI replays exactly
 * (fast-check prints the seed and the path of the counterexample), and run counts sized to the test budget
 * (docs/contributing.md#property-based-tests). To explore beyond them locally:
 *
 *   FUZZ_SEED=$RANDOM FUZZ_RUNS_FACTOR=20 npx vitest run test/fuzzing
 */
export const seed = Number(process.env.FUZZ_SEED ?? 20261205);
const factor = Number(process.env.FUZZ_RUNS_FACTOR ?? 1);

/** fast-check's parameters for a property with `numRuns` runs in CI. */
export const fuzz = <Ts>(numRuns: number): fc.Parameters<Ts> => ({
  seed,
  numRuns: Math.max(1, Math.round(numRuns * factor)),
});
