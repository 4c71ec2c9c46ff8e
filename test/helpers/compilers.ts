import path from "node:path";
import { projectRoot } from "./project-copy.js";
import { startNode } from "./run-node.js";

/**
 * The two TypeScript compilers of the project, each called by path: typescript 5.9 (node_modules/typescript,
 * whose API openapi-typescript and the pipeline use) and typescript 7's native `tsc`, installed through
 * tools/tsc7 so that the two `tsc` bins never shadow each other (tools/tsc7/tsc7.mjs says why).
 */
export const compilers = {
  "5.9": path.join(projectRoot, "node_modules", "typescript", "bin", "tsc"),
  "7.0": path.join(projectRoot, "tools", "tsc7", "tsc7.mjs"),
} as const;

export type CompilerVersion = keyof typeof compilers;

export interface TscResult {
  code: number | null;
  /** stdout and stderr together, as a user sees them */
  output: string;
}

/** Runs one compiler as a child process (async, so that several run at once on both cores). */
export async function runTsc(version: CompilerVersion, args: string[], cwd = projectRoot): Promise<TscResult> {
  const { code, stdout, stderr } = await startNode(cwd, [compilers[version], ...args]).exited;
  return { code, output: stdout + stderr };
}

/** The `file(line,col): error TSxxxx: message` lines of `--pretty false` output (and file-less errors), sorted. */
export const diagnosticLines = (output: string): string[] =>
  output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /(^|\): )error TS\d+: /.test(line))
    .sort();
