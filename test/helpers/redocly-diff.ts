import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { listOperations, type Obj } from "../../scripts/spec-diff/operations.js";
import { runNode } from "./run-node.js";

const cli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

/**
 * `redocly diff` (Redocly CLI 2.72+, "experimental"), as a second opinion on an update: the operations
 * (`POST /items`) it rates `major`, by where it reports each change: a change inside a component shared by many
 * operations is reported on some of them only. A change to a whole path item counts for every operation of it.
 * It runs in a temp folder: the CLI reads a redocly.yaml in the folder where it runs, and our lint config would
 * change its ratings (ruled out here: the operation removed in our fixtures came out `patch`).
 */
export async function redoclyDiff(before: Obj, after: Obj): Promise<{ bump: string; major: Set<string> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "redocly-diff-"));
  try {
    writeFileSync(path.join(dir, "before.json"), JSON.stringify(before));
    writeFileSync(path.join(dir, "after.json"), JSON.stringify(after));
    const args = [cli, "diff", "before.json", "after.json", "--format", "json", "-o", "out.json", "--fail-on", "none"];
    const run = await runNode(dir, args);
    if (run.code !== 0) throw new Error(`redocly diff failed: ${run.stderr.slice(-800)}`);
    const report = JSON.parse(readFileSync(path.join(dir, "out.json"), "utf8")) as {
      bump: string;
      changes: Array<{ path: string; impact: string }>;
    };
    const operations = [...listOperations(before).keys(), ...listOperations(after).keys()];
    const major = new Set<string>();
    for (const change of report.changes.filter((c) => c.impact === "major")) {
      const [, rawPath, method] = /^#\/paths\/([^/]+)(?:\/([a-z]+))?/.exec(change.path) ?? [];
      if (rawPath === undefined) continue;
      const apiPath = decodeURIComponent(rawPath).replace(/~1/g, "/").replace(/~0/g, "~");
      for (const key of operations)
        if (method ? key === `${method.toUpperCase()} ${apiPath}` : key.endsWith(` ${apiPath}`)) major.add(key);
    }
    return { bump: report.bump, major };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
