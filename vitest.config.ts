import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json", checker: "tsc7" },
    // Vitest runs one file at a time on a 2-core machine (cores - 1), but most of our files spend their time
    // waiting: on a child process, a server, a retry's back-off. Four at once keep both cores busy.
    maxWorkers: 4,
    // The pipeline tests start real Node processes; two cores run them slowly but surely.
    testTimeout: 30_000,
    // Which file starts first is left to Vitest's default sequencer (sequence.sequencer), which already does what
    // a CPU-bound suite needs: from the durations of the last run (its results cache, node_modules/.vite/vitest/),
    // files that failed first, then the longest first, so that the slowest ones do not start last; on a first run,
    // the largest files first. A fixed list of our own would go stale as the files change.
  },
});
