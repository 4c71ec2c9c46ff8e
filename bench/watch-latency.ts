import type { ProjectCopy } from "../test/helpers/project-copy.js";
import { startProgram } from "../test/helpers/run-node.js";
import type { NodeLine } from "./node-lines.js";
import { touchSpec } from "./pipeline.js";
import { median } from "./stats.js";

/** A deadline for each line (the first one loads every tool, on whatever spec is committed). */
const lineDeadline = 120_000;

/**
 * Target (c): with `generate -- --watch` warm, the time from a save of the spec to the line the
 * watcher prints once generated/trieve.ts is written (so debounce included, and a little more).
 * Each save changes the spec's bytes (touchSpec), whatever spec is committed.
 */
export async function watchLatency(line: NodeLine, project: ProjectCopy, saves: number): Promise<number> {
  const watcher = startProgram(line.node, ["scripts/launch.mjs", "generate.ts", "--watch"], project.dir, line.env);
  try {
    await watcher.nextLine(lineDeadline); // ready
    const times: number[] = [];
    for (let save = -1; save < saves; save++) {
      const start = performance.now();
      touchSpec(project);
      const line = await watcher.nextLine(lineDeadline);
      const elapsed = performance.now() - start;
      if (!line.includes("wrote")) throw new Error(`the watcher did not write: ${line}`);
      if (save >= 0) times.push(elapsed);
      await new Promise((resolve) => setTimeout(resolve, 100)); // a maintainer does not save every millisecond
    }
    return median(times);
  } finally {
    await watcher.stop();
  }
}
