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
  },
});
