import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runNode, type RunResult } from "./run-node.js";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** What the pipeline reads and writes; node_modules is linked, not copied. */
const pipelineFiles = [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "redocly.yaml",
  "spec",
  "scripts",
  "generated",
];

export interface ProjectCopy {
  dir: string;
  file(relative: string): string;
  read(relative: string): string;
  /** runs `node scripts/launch.mjs <script>` in the copy, as `npm run` would */
  run(script: string, ...args: string[]): Promise<RunResult>;
  remove(): void;
}

/**
 * A throwaway copy of the project, so pipeline tests can break its spec without touching ours.
 * `extra` adds more of the project (spec:update reads src/; a full check needs test/ and vitest.config.ts).
 */
export function copyProject(extra: string[] = []): ProjectCopy {
  const dir = mkdtempSync(path.join(tmpdir(), "trieve-pipeline-"));
  for (const entry of [...pipelineFiles, ...extra])
    cpSync(path.join(projectRoot, entry), path.join(dir, entry), {
      recursive: true,
      // test/runtimes/ has a node_modules of its own (install.ts): hundreds of MB that no copy needs.
      filter: (source) => !source.split(path.sep).includes("node_modules"),
    });
  symlinkSync(path.join(projectRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  const file = (relative: string) => path.join(dir, relative);
  return {
    dir,
    file,
    read: (relative) => readFileSync(file(relative), "utf8"),
    run: (script, ...args) => runNode(dir, ["scripts/launch.mjs", script, ...args]),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
