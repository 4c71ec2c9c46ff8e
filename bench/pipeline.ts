import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { copyProject, type ProjectCopy } from "../test/helpers/project-copy.js";
import { measuredRun, type MeasuredRun } from "./measured-run.js";
import type { NodeLine } from "./node-lines.js";
import { median } from "./stats.js";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const specPath = "spec/trieve.yaml";

/**
 * The baseline of issue 5: the three tools chained as one npm script, the way a project without our
 * pipeline would run them, and run the same way as ours (`npm run -s <script>`). openapi-typescript
 * runs from an empty folder: in the project folder its CLI lints with redocly.yaml on its own
 * @redocly/openapi-core 1.x, which rejects Trieve 0.13.0 ("The `type` field must be defined when the
 * `nullable` field is used", see ../shared/toolchain-notes.md); elsewhere it uses its permissive default.
 */
const naiveScript =
  "redocly lint spec/trieve.yaml && (cd .bench-naive && openapi-typescript ../spec/trieve.yaml -o ../.bench-naive.ts) && prettier --write .bench-naive.ts";

export type Run = MeasuredRun;

/**
 * Wall time (and peak RSS) of `npm run -s <script> [-- args]` in a project copy, from spawn to exit, with
 * npm, the script and every tool it starts on `line`'s Node.
 */
export function npmRun(line: NodeLine, project: ProjectCopy, script: string, ...args: string[]): Promise<Run> {
  return measuredRun(npm, ["run", "-s", script, ...(args.length ? ["--", ...args] : [])], {
    cwd: project.dir,
    env: line.env,
  });
}

/**
 * A throwaway copy of the project with the naive chain as a script, optionally on another spec (a file,
 * or the text of one). `extra` adds more of the project (the compile gate reads src/, examples/, test/).
 */
export function benchProject(spec?: { file: string } | { text: string }, extra: string[] = []): ProjectCopy {
  const project = copyProject(extra);
  const manifest = JSON.parse(project.read("package.json")) as { scripts: Record<string, string> };
  manifest.scripts.naive = naiveScript;
  writeFileSync(project.file("package.json"), JSON.stringify(manifest, null, 2));
  mkdirSync(project.file(".bench-naive"));
  if (spec) writeFileSync(project.file(specPath), "file" in spec ? readFileSync(spec.file) : spec.text);
  return project;
}

/**
 * A project copy like benchProject's whose `generate` formats with oxfmt instead of prettier
 * (bench/oxfmt-format-code.ts): the peer that shows what the choice of formatter is worth.
 */
export function oxfmtPeer(spec?: { file: string } | { text: string }): ProjectCopy {
  const project = benchProject(spec);
  copyFileSync(new URL("oxfmt-format-code.ts", import.meta.url), project.file("scripts/codegen/format-code.ts"));
  return project;
}

/** Makes the inputs differ from the last run's: one trailing newline or two, whichever the spec has not. */
export function touchSpec(project: ProjectCopy): void {
  const current = project.read(specPath);
  writeFileSync(project.file(specPath), `${current.replace(/\n*$/, "")}${current.endsWith("\n\n") ? "\n" : "\n\n"}`);
}

export interface Comparison {
  ours: number;
  baseline: number;
  /** the largest peak RSS of any of our runs, and of the naive chain's (its largest tool), in MiB */
  oursPeakMb: number;
  baselinePeakMb: number;
  /** set when our command failed: the first line of its error */
  failure?: string;
  /** with a `peer` (oxfmtPeer): its median, run the same way in the same rounds */
  peer?: number;
}

function firstError(run: Run): string {
  return (run.stderr.split("\n").find((line) => line.startsWith("✖")) ?? run.stderr.split("\n")[0] ?? "").trim();
}

/**
 * Target (a): `npm run generate` with changed inputs, a new process each time, typecheck included,
 * against the naive chain; interleaved, so that both see the same load. One untimed run of each first
 * (it fills node_modules/.cache on a fresh clone, and the OS file cache).
 */
export async function compareGenerate(
  line: NodeLine,
  project: ProjectCopy,
  rounds: number,
  { warmUp = true, peer }: { warmUp?: boolean; peer?: ProjectCopy } = {},
): Promise<Comparison> {
  const peerMs: number[] = [];
  const ours: number[] = [];
  const baseline: number[] = [];
  let oursPeakMb = 0;
  let baselinePeakMb = 0;
  let failure: string | undefined;
  for (let round = warmUp ? -1 : 0; round < rounds; round++) {
    const naive = await npmRun(line, project, "naive");
    if (naive.code !== 0) throw new Error(`the naive chain failed: ${naive.stderr.slice(0, 500)}`);
    touchSpec(project);
    const run = await npmRun(line, project, "generate");
    if (run.code !== 0) failure = firstError(run);
    else if (!run.stdout.includes("wrote")) throw new Error(`generate did not regenerate:\n${run.stdout}`);
    if (peer) {
      touchSpec(peer);
      const other = await npmRun(line, peer, "generate");
      if (other.code !== 0 || !other.stdout.includes("wrote")) throw new Error(`the peer failed: ${firstError(other)}`);
      if (round >= 0) peerMs.push(other.ms);
    }
    if (round >= 0) {
      baseline.push(naive.ms);
      ours.push(run.ms);
    }
    oursPeakMb = Math.max(oursPeakMb, run.peakMb);
    baselinePeakMb = Math.max(baselinePeakMb, naive.peakMb);
  }
  const peerMedian = peer ? median(peerMs) : undefined;
  return { ours: median(ours), baseline: median(baseline), oursPeakMb, baselinePeakMb, failure, peer: peerMedian };
}

/**
 * Target (b): `generate -- --check` and `generate` with nothing changed, which answer from the
 * hashes, against the naive chain in the same rounds.
 */
export async function compareUpToDate(
  line: NodeLine,
  project: ProjectCopy,
  rounds: number,
  { warmUp = true, naiveMs }: { warmUp?: boolean; naiveMs?: number } = {},
): Promise<{ check: number; unchanged: number; baseline: number }> {
  const setup = await npmRun(line, project, "generate");
  if (setup.code !== 0) throw new Error(`generate failed: ${setup.stderr}`);
  const check: number[] = [];
  const unchanged: number[] = [];
  const baseline: number[] = [];
  for (let round = warmUp ? -1 : 0; round < rounds; round++) {
    // `naiveMs`: the naive chain's median from (a), on the same copy (smoke mode, which runs it once per Node)
    const naive = naiveMs === undefined ? (await npmRun(line, project, "naive")).ms : naiveMs;
    const a = await npmRun(line, project, "generate", "--check");
    const b = await npmRun(line, project, "generate");
    if (a.code !== 0 || !b.stdout.includes("up to date")) throw new Error(`not up to date:\n${a.stderr}${b.stdout}`);
    if (round >= 0) {
      baseline.push(naive);
      check.push(a.ms);
      unchanged.push(b.ms);
    }
  }
  return { check: median(check), unchanged: median(unchanged), baseline: median(baseline) };
}
