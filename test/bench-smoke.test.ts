import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./helpers/project-copy.js";

// The benchmark is never a timed test; this only keeps it working: `npm run bench -- --smoke` runs
// every case with tiny counts and must print every row. Its figures are not checked.
describe("npm run bench -- --smoke", () => {
  it("prints a table with every figure of issue 5", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/run.ts", "--smoke"], { cwd: projectRoot });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code, stderr).toBe(0);
    const rows = stdout.split("\n").filter((line) => /^\| [a-e] \|/.test(line));
    expect(rows.map((row) => row.slice(2, 3))).toEqual(["a", "b", "b", "c", "d", "e"]);
    for (const row of rows) expect(row).toMatch(/\| \d+\.\d\d× \|/);
  }, 180_000);
});
