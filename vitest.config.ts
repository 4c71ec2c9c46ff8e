import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json", checker: "tsc7" },
    // The pipeline tests start real Node processes; two cores run them slowly but surely.
    testTimeout: 30_000,
  },
});
