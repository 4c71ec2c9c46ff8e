import { describe, expect, it } from "vitest";
import { projectRoot } from "./helpers/project-copy.js";
import { runNode } from "./helpers/run-node.js";

// The benchmark is never a timed test; this only keeps it working: `npm run bench -- --smoke` runs every case
// once with the tiniest work (the seed spec; Node 24 on a 2× synthetic spec of it, the scale rows; two steps of
// Trieve's history, its smallest spec and an empty file, the history rows) and must print every row. Its figures
// are not checked, only that each row has them.
describe("npm run bench -- --smoke", () => {
  it("prints the pipeline on Node 20 and Node 24, the scale rows, the client rows and the history rows", async () => {
    const { code, stdout, stderr } = await runNode(projectRoot, ["--import", "tsx", "bench/run.ts", "--smoke"]);
    expect(code, stderr).toBe(0);
    const all = stdout.split("\n").filter((line) => /^\| [a-z] \|/.test(line));
    const rows = all.filter((line) => !line.startsWith("| h |"));
    // The history: one usable step (001, the smallest spec) and an empty file (032, exit 1), then 001 again from a
    // fresh copy.
    const history = all.filter((line) => line.startsWith("| h |"));
    expect(history).toHaveLength(10);
    expect(history[0]).toMatch(/\| 2 \(001 → 032\): 1 written, 0 unchanged, 1 refused \| .* \| met \|/);
    expect(history[1]).toMatch(/\d+\.\d s, \d+\.\d s, \d+\.\d s \(step 001\)/);
    expect(history.find((r) => r.includes("exit codes"))).toMatch(/\| (0 ×1, 1 ×1|1 ×1, 0 ×1) \|/);
    expect(history.find((r) => r.includes("largest pull-request body"))).toMatch(/[\d,]+ characters \(step 001\)/);
    expect(rows.map((row) => row.slice(2, 3))).toEqual(["a", "b", "b", "c", "g", "u", "s", "s", "t", "d", "e"]);
    const header = stdout.split("\n").find((line) => line.includes("ours / naive chain"));
    expect(header).toMatch(/Node 20: ours \/ naive chain .* Node 24: ours \/ naive chain/);
    // Node 20's cell of every pipeline row: `x ms / y ms = **r×**`, or `**x ms**` for the compile gate and the corpus.
    for (const row of rows.slice(0, 6))
      expect(row.split(" | ")[2]).toMatch(/\*\*\d+(\.\d)? ms\*\*|= \*\*\d+\.\d\d×\*\*/);
    expect(rows[6]).toContain("Node 24");
    for (const row of rows.slice(6)) expect(row).toMatch(/\| \d+\.\d\d× \|/);
  }, 600_000);
});
