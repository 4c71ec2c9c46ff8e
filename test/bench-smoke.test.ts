import { describe, expect, it } from "vitest";
import { projectRoot } from "./helpers/project-copy.js";
import { runNode } from "./helpers/run-node.js";

// The benchmark is never a timed test; this only keeps it working: `npm run bench -- --smoke` runs
// every case with tiny counts and must print every row. Its figures are not checked. The deadline is
// for a run on Trieve 0.13.0 (as after `npm run spec:update`) on a busy 2-core machine, not the seed.
describe("npm run bench -- --smoke", () => {
  it("prints a table with every figure", async () => {
    const { code, stdout, stderr } = await runNode(projectRoot, ["--import", "tsx", "bench/run.ts", "--smoke"]);
    expect(code, stderr).toBe(0);
    const rows = stdout.split("\n").filter((line) => /^\| [a-e] \|/.test(line));
    expect(rows.map((row) => row.slice(2, 3))).toEqual(["a", "b", "b", "c", "d", "e"]);
    for (const row of rows) expect(row).toMatch(/\| \d+\.\d\d× \|/);
  }, 600_000);
});
