import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { copyProject, projectRoot, type ProjectCopy } from "./project-copy.js";
import { runProgram } from "./run-node.js";
import { sharedSpecsDir } from "./shared-specs.js";
import type { Workflow } from "./workflow-rules.js";

/**
 * Trieve's spec history, replayed as the spec bot lives it: 47 versions of `clients/ts-sdk/openapi.json` along
 * the first-parent history of devflowinc/trieve (every sixth of its 240 commits, the last one, and the special
 * steps: the empty files 032 and 086, the removal of the operation src/ calls on 047 and its return on 050, the
 * conflict markers of 158; ../shared/specs/trieve/history/README.md). Used by test/spec-history.test.ts (a
 * short window) and bench/history.ts (all of it).
 *
 * The files are read where they are, never copied into the repository: from ../shared/specs/trieve/history/
 * on a developer's machine, or, where that folder is missing (GitHub's runners), with `git show
 * COMMIT:clients/ts-sdk/openapi.json` in the clone of devflowinc/trieve that TRIEVE_REPO names (relative to the
 * project: .github/workflows/ci.yml checks it out), into a scratch folder outside the project.
 */

export interface HistoryStep {
  /** 1 to 240: the commit's place among the 240 that changed the file */
  step: number;
  date: string;
  commit: string;
}

/** The steps, oldest first: the commits that ../shared's manifest.json lists (test/spec-history.test.ts checks it). */
export const historySteps: readonly HistoryStep[] = (
  [
    [1, "2024-08-16", "240a643042f0cbbcdc860f9af6ef4ea8f6765508"],
    [7, "2024-09-23", "36c7ed77f6ab3bedec8916bd8882410a0a4082b8"],
    [13, "2024-10-01", "5c909901cb1d50ced08e3ad8b20e5c697296b609"],
    [19, "2024-10-09", "8aa928e639fdd878873cc4180e9ac6eca90f0a9c"],
    [25, "2024-10-21", "c2f3777dffce371405f69fca65e6887b1e08b28f"],
    [31, "2024-10-24", "5811fd9474787214bbec81723e6f2bdcb95076b7"],
    [32, "2024-10-25", "7747182edf97337134af5554d90fa3adc7e1f820"],
    [37, "2024-11-12", "c94e26d614a646cdbf0d4cbd9af4e73e3c22bf5f"],
    [43, "2024-11-20", "ddb7efc1378f2a15d1a86d0babcf1bca4549670a"],
    [47, "2024-11-21", "a2e28fbaf418d31843f94c86f3f4a12934a9480f"],
    [48, "2024-11-25", "0102754f82025c94923188c691be638f55993dc6"],
    [49, "2024-11-24", "bdaf162ee78af0897251f426dadd3d3a2c6b8712"],
    [50, "2024-11-27", "0c60393211044af2a94f406d601036aa459c9929"],
    [55, "2024-12-03", "da1922ab81b882ab8d982f739a0b865039321484"],
    [61, "2024-12-07", "325d2ce6a96e6ec559ac88fb3d31ac0b31be77c8"],
    [67, "2024-12-12", "c732c7e8acfc6e0f677caebdb3ec5683e05a1f37"],
    [73, "2024-12-17", "36f4cf4680d059641a470d2989fcb1e2b37be880"],
    [79, "2024-12-20", "7ce9fb7c8f7e4f5c7a46723d37e2fba071e9c4fc"],
    [85, "2025-01-06", "20e114d59064603d85c096d09f55dd2d742631c9"],
    [86, "2025-01-06", "b5908b87b05c6cc5e28be690ad691a24274093fa"],
    [91, "2025-01-08", "eca6d995146e2ed7769f5aa57b319deefb91dc23"],
    [97, "2025-01-17", "4d6b350e3ef5289a7e8a0b69b08ed681952edd9f"],
    [103, "2025-01-31", "b9e2b171164695b899ae712b03b27641b03a035a"],
    [109, "2025-02-09", "5c10a1031c57ba8e4c7b2c3710a6c62e26d8ab91"],
    [115, "2025-02-25", "30e005703872ebf30e27af67486d820d2be8f100"],
    [121, "2025-03-09", "cd3e09aef085510d6ad597fdc86a903b22bb83ff"],
    [127, "2025-03-12", "2c39682f8b8ccf54367cada71c15fd65073e7a65"],
    [133, "2025-03-17", "867ed18ef650c1db7e1d101238fffcd695b1bcfe"],
    [139, "2025-03-18", "d899ba366dbc95cc5936f55867b9adc31e6cc8cf"],
    [145, "2025-03-19", "a70cf762c39cf5d142e3b3ff5774e92abae19471"],
    [151, "2025-03-23", "326af9d05b771f79c6821a460a565de16a25aa39"],
    [157, "2025-03-26", "bd436172915837a5882e447cb1309a64d093c3b2"],
    [158, "2025-03-26", "51628034be2e8ca3968d8ee0a491acf170cd4f64"],
    [163, "2025-03-27", "cf72fe36b1b1d5d6b648f4b5803ea12a869ec0a4"],
    [169, "2025-03-31", "1504733a898e043fdcd3c091d370132af0af6ac3"],
    [175, "2025-04-01", "6d5f12b46ea68664071ff4e107ee85dc491d7fc7"],
    [181, "2025-04-07", "408a679f6372cbb2305f05c3ea8314d5f11194dd"],
    [187, "2025-04-10", "f838ffaf2a821464c9039a36329fb6e97d7a333b"],
    [193, "2025-04-28", "ab012f0845a7b77b20d59b5f0e0cccafed08e8ca"],
    [199, "2025-05-11", "2e92d1081feb062bf6d8e2019d5daf0b8b29bcbf"],
    [205, "2025-05-14", "92dcf0d3bb935ea0ba00213bec1eb5b143f76b5e"],
    [211, "2025-05-19", "3d967dfc10828178fd3042c780dd1f8221d0a1dd"],
    [217, "2025-05-21", "414fb8b0fa35bf553a8782ac19e4559f9bb2beb5"],
    [223, "2025-05-23", "213f3cab713245c52daaae768f7bc007bbbf8eac"],
    [229, "2025-05-27", "f35572426b53e61026045f19d76df6d7cfa5c094"],
    [235, "2025-05-29", "dcc8e29f5ed8218744db2c8cbfaa0cbc0dee9d41"],
    [240, "2025-07-03", "dc2b6a1ef8346d754fff961db1d55700659c04a7"],
  ] as const
).map(([step, date, commit]) => ({ step, date, commit }));

export const historyDir = path.join(sharedSpecsDir, "history");
const specInTrieve = "clients/ts-sdk/openapi.json";

/** `047-2024-11-21-a2e28fba.json`: the manifest's name for a step's file. */
export const stepFileName = (s: HistoryStep) =>
  `${String(s.step).padStart(3, "0")}-${s.date}-${s.commit.slice(0, 8)}.json`;

export function historyStep(step: number): HistoryStep {
  const found = historySteps.find((s) => s.step === step);
  if (!found) throw new Error(`step ${step} is not one of the history's ${historySteps.length} steps`);
  return found;
}

/**
 * The path of a step's spec: the file in ../shared/specs/trieve/history/, or the blob at its commit in the clone
 * TRIEVE_REPO names, written under `scratch` (outside the project). Missing both, it fails and says how to fix it:
 * these tests are the proof that the real history goes through, so they never skip.
 */
export function historyFile(s: HistoryStep, scratch: string): string {
  const name = stepFileName(s);
  const shared = path.join(historyDir, name);
  if (existsSync(shared)) return shared;
  const clone = process.env.TRIEVE_REPO;
  if (!clone)
    throw new Error(
      `${shared} is missing: Trieve's spec history must sit in ../shared/specs/trieve/history beside the project, or TRIEVE_REPO must name a clone of devflowinc/trieve (see docs/contributing.md, "CI")`,
    );
  const shown = spawnSync("git", ["show", `${s.commit}:${specInTrieve}`], {
    cwd: path.resolve(projectRoot, clone),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (shown.status !== 0)
    throw new Error(`git show ${s.commit}:${specInTrieve} failed in ${clone}: ${shown.stderr.toString().trim()}`);
  mkdirSync(scratch, { recursive: true });
  const file = path.join(scratch, name);
  writeFileSync(file, shown.stdout);
  return file;
}

/** A copy of the project as spec:update needs it for the compile gate, and `npm run typecheck` for all of it. */
export const historyProject = (): ProjectCopy => copyProject(["src", "examples", "test", "bench", "CHANGELOG.md"]);

/**
 * The arguments the workflow's update step gives `spec:update`, from its own `run:` line in
 * .github/workflows/spec-update.yml (`"$URL" --allow-breaking --bump --markdown "$RUNNER_TEMP/…" --github-output
 * "$GITHUB_OUTPUT"`), with the spec's file for $URL and the folders given for the runner's.
 */
export function workflowArgs(source: string, runnerTemp: string, githubOutput: string): string[] {
  const workflow = parse(readFileSync(path.join(projectRoot, ".github/workflows/spec-update.yml"), "utf8")) as Workflow;
  const run = workflow.jobs.update!.steps.find((s) => s.id === "update")!.run!;
  const words = run.trim().split(/\s+/);
  const args = words.slice(words.indexOf("--") + 1).map((w) => w.replace(/^"(.*)"$/, "$1"));
  if (words.slice(0, 3).join(" ") !== "npm run spec:update" || args[0] !== "$URL")
    throw new Error(`the update step no longer runs \`npm run spec:update -- "$URL" …\`: ${run}`);
  return [
    source,
    ...args.slice(1).map((a) => a.replace("$RUNNER_TEMP", runnerTemp).replace("$GITHUB_OUTPUT", githubOutput)),
  ];
}

/** What `spec:update --json` prints, as far as the replay reads it. */
export interface StepReport {
  result: "written" | "unchanged" | "refused";
  verdict: string;
  bump: string;
  counts: { added: number; removed: number; changed: number; breakingChanges: number };
  missingCalledOperations: Array<{ method: string; path: string; by: string; status: string }>;
  compileErrors: string[];
  typeTestErrors: string[];
  existingErrors: string[];
}

export interface ReplayedStep {
  step: HistoryStep;
  code: number | null;
  /** wall time of the spec:update process, spawn to exit */
  ms: number;
  /** the `--json` report; undefined when spec:update refused the input (exit 1) */
  report: StepReport | undefined;
  /** the pull-request body (`--markdown`); undefined when nothing was reported */
  body: string | undefined;
  /** the step outputs (`--github-output`) */
  outputs: Record<string, string>;
  /** the timings spec:update prints for each of its steps (`lint  3159 ms`), in ms */
  phases: Record<string, number>;
  stderr: string;
}

const readOrUndefined = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : undefined);

/**
 * One day of the bot: `spec:update` with the workflow's own flags, and `--json` to read the report, run in the
 * project copy on a step's spec. `scratch` holds the runner's folders (outside the project, as $RUNNER_TEMP is).
 * `node` (and its `env`) runs it on another Node line than this process's (the benchmark's Node 24).
 */
export async function replayStep(
  project: ProjectCopy,
  s: HistoryStep,
  scratch: string,
  node: { node: string; env?: NodeJS.ProcessEnv } = { node: process.execPath },
): Promise<ReplayedStep> {
  const source = historyFile(s, path.join(scratch, "specs"));
  const runnerTemp = path.join(scratch, `step-${s.step}`);
  mkdirSync(runnerTemp, { recursive: true });
  const githubOutput = path.join(runnerTemp, "github-output");
  writeFileSync(githubOutput, "");
  const args = [...workflowArgs(source, runnerTemp, githubOutput), "--json"];
  const started = performance.now();
  const run = await runProgram(node.node, ["scripts/launch.mjs", "spec-update.ts", ...args], project.dir, {
    ...node.env,
    INIT_CWD: project.dir, // as npm run sets it there (a line's env may carry the bench's own)
  });
  const ms = performance.now() - started;
  const markdown = args[args.indexOf("--markdown") + 1]!;
  const outputs = Object.fromEntries(
    readFileSync(githubOutput, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  const phases = Object.fromEntries(
    [...run.stderr.matchAll(/^([a-z]+) +(\d+) ms/gm)].map((m) => [m[1]!, Number(m[2])] as const),
  );
  return {
    step: s,
    code: run.code,
    ms,
    report: run.stdout.trim() ? (JSON.parse(run.stdout) as StepReport) : undefined,
    body: readOrUndefined(markdown),
    outputs,
    phases,
    stderr: run.stderr,
  };
}
