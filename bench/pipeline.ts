import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { copyProject, type ProjectCopy } from "../test/helpers/project-copy.js";
import { median } from "./stats.js";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const spec = "spec/trieve.yaml";

/**
 * The baseline of issue 5: the three tools chained as one npm script, the way a project without our
 * pipeline would run them, and run the same way as ours (`npm run -s <script>`). openapi-typescript
 * runs from an empty folder: in the project folder its CLI lints with redocly.yaml on its own
 * @redocly/openapi-core 1.x, which rejects Trieve 0.13.0 ("The `type` field must be defined when the
 * `nullable` field is used", see ../shared/toolchain-notes.md); elsewhere it uses its permissive default.
 */
const naiveScript =
  "redocly lint spec/trieve.yaml && (cd .bench-naive && openapi-typescript ../spec/trieve.yaml -o ../.bench-naive.ts) && prettier --write .bench-naive.ts";

export interface Run {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Wall time of `npm run -s <script> [-- args]` in a project copy, from spawn to exit. */
export async function npmRun(project: ProjectCopy, script: string, ...args: string[]): Promise<Run> {
  const start = performance.now();
  const child = spawn(npm, ["run", "-s", script, ...(args.length ? ["--", ...args] : [])], {
    cwd: project.dir,
    env: { ...process.env, NO_COLOR: "1" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { ms: performance.now() - start, code, stdout, stderr };
}

/** A throwaway copy of the project with the naive chain as a script, optionally on another spec. */
export function benchProject(specFile?: string): ProjectCopy {
  const project = copyProject();
  const manifest = JSON.parse(project.read("package.json")) as { scripts: Record<string, string> };
  manifest.scripts.naive = naiveScript;
  writeFileSync(project.file("package.json"), JSON.stringify(manifest, null, 2));
  mkdirSync(project.file(".bench-naive"));
  if (specFile) writeFileSync(project.file(spec), readFileSync(specFile));
  return project;
}

/** Makes the inputs differ from the last run's (a trailing newline, valid in YAML and JSON). */
export function touchSpec(project: ProjectCopy, round: number): void {
  const text = project.read(spec).replace(/\n*$/, "");
  writeFileSync(project.file(spec), `${text}${"\n".repeat(1 + (round % 2))}`);
}

export interface Comparison {
  ours: number;
  baseline: number;
  /** set when our command failed: the first line of its error */
  failure?: string;
}

function firstError(run: Run): string {
  return (run.stderr.split("\n").find((line) => line.startsWith("✖")) ?? run.stderr.split("\n")[0] ?? "").trim();
}

/**
 * Target (a): `npm run generate` with changed inputs, a new process each time, typecheck included,
 * against the naive chain; interleaved, so that both see the same load. One untimed run of each first
 * (it fills node_modules/.cache on a fresh clone, and the OS file cache).
 */
export async function compareGenerate(project: ProjectCopy, rounds: number): Promise<Comparison> {
  const ours: number[] = [];
  const baseline: number[] = [];
  let failure: string | undefined;
  for (let round = -1; round < rounds; round++) {
    const naive = await npmRun(project, "naive");
    if (naive.code !== 0) throw new Error(`the naive chain failed: ${naive.stderr.slice(0, 500)}`);
    touchSpec(project, round);
    const run = await npmRun(project, "generate");
    if (run.code !== 0) failure = firstError(run);
    else if (!run.stdout.includes("wrote")) throw new Error(`generate did not regenerate:\n${run.stdout}`);
    if (round >= 0) {
      baseline.push(naive.ms);
      ours.push(run.ms);
    }
  }
  return { ours: median(ours), baseline: median(baseline), failure };
}

/**
 * Target (b): `generate -- --check` and `generate` with nothing changed, which answer from the
 * hashes, against the naive chain in the same rounds.
 */
export async function compareUpToDate(
  project: ProjectCopy,
  rounds: number,
): Promise<{ check: number; unchanged: number; baseline: number }> {
  const setup = await npmRun(project, "generate");
  if (setup.code !== 0) throw new Error(`generate failed: ${setup.stderr}`);
  const check: number[] = [];
  const unchanged: number[] = [];
  const baseline: number[] = [];
  for (let round = -1; round < rounds; round++) {
    const naive = await npmRun(project, "naive");
    const a = await npmRun(project, "generate", "--check");
    const b = await npmRun(project, "generate");
    if (a.code !== 0 || !b.stdout.includes("up to date")) throw new Error(`not up to date:\n${a.stderr}${b.stdout}`);
    if (round >= 0) {
      baseline.push(naive.ms);
      check.push(a.ms);
      unchanged.push(b.ms);
    }
  }
  return { check: median(check), unchanged: median(unchanged), baseline: median(baseline) };
}
