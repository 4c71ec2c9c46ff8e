import { createHash } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { outputIsTrue, type WorkflowJob, type WorkflowStep } from "./helpers/workflow-rules.js";
import { startLocalRegistry, type LocalRegistry } from "./helpers/local-registry.js";
import { copyProject, projectRoot, type ProjectCopy } from "./helpers/project-copy.js";
import { runProgram, type RunResult } from "./helpers/run-node.js";

/**
 * .github/workflows/release.yml, run as GitHub would run it: the `run:` lines of both jobs, taken from the file
 * and started with `bash -e` in a copy of the project (a git repository of its own), with a local registry
 * (verdaccio) standing in for npm. Not run here: `npm ci` (node_modules is linked), `npm audit signatures` (it
 * checks the installed tree against the public registry's keys and Sigstore, which the stand-in registry has not),
 * and `.ci/run` (the whole suite, which this file is part of). `gh` is GitHub's: a stand-in on PATH records what
 * it is asked, and the test then creates the tag as GitHub would. The publish job runs with a stand-in
 * ACTIONS_ID_TOKEN_REQUEST_URL, as GitHub gives it with `id-token: write` (workflows.test.ts runs its check without
 * it), and actions/attest-build-provenance, GitHub's, is stood in for by a bundle file at its `bundle-path` output.
 * `npm publish` runs with NPM_CONFIG_PROVENANCE=false: provenance needs GitHub's OIDC token, and the step asks for
 * it through that variable (checked below and in workflows.test.ts).
 */

const workflow = parse(readFileSync(path.join(projectRoot, ".github/workflows/release.yml"), "utf8")) as {
  jobs: { build: WorkflowJob; publish: WorkflowJob };
};
const { build, publish } = workflow.jobs;
const runs = (job: WorkflowJob) => job.steps.filter((s) => s.run);

const version = "0.4.2";
const entry = "A release made by the test: one line of notes.\n\n- and a list item\n";
const sha1 = (file: string) => createHash("sha1").update(readFileSync(file)).digest("hex");

interface Run {
  plan: RunResult;
  outputs: Record<string, string>;
  summary: string;
  /** the build job's runner temp folder, where the plan and `npm pack` write */
  buildTemp: string;
  /** each step that ran after the plan, by its first words */
  ran: string[];
  /** the arguments of each call of the `gh` stand-in */
  gh: string[][];
  publish?: RunResult;
  /** the same `npm publish` line run first as the step sets it, with NPM_CONFIG_PROVENANCE=true */
  refused?: RunResult;
}

let project: ProjectCopy;
let registry: LocalRegistry;
let temp: string;
let runCount = 0;

/** What every step gets from the runner, plus npm pointed at the local registry, with a cache of its own. */
const baseEnv = () => ({
  NPM_CONFIG_USERCONFIG: registry.userconfig,
  NPM_CONFIG_CACHE: path.join(temp, "npm-cache"),
  GITHUB_REPOSITORY: "trieve-ts-client/trieve-ts-client",
  GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
});

/** A step's `if:` (outputIsTrue), where needs.build.outputs.x must be the build job's plan output x. */
function condition(step: { if?: string }, outputs: Record<string, string>): boolean {
  const needed = /^needs\.build\.outputs\.(\w+) /.exec(step.if ?? "");
  if (needed) expect(build.outputs![needed[1]!]).toBe(`\${{ steps.plan.outputs.${needed[1]} }}`);
  return outputIsTrue(step.if, outputs);
}

/** A step's `env:`, with the expressions this workflow uses filled in (`steps.<id>.outputs.x` from `stepOutputs`). */
function stepEnv(
  step: WorkflowStep,
  outputs: Record<string, string>,
  stepOutputs: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(step.env ?? {}))
    env[key] = value.replace(/\$\{\{ (.+?) \}\}/g, (_all, expression: string) => {
      const output = /^needs\.build\.outputs\.(\w+)$/.exec(expression);
      if (output) return outputs[output[1]!] ?? "";
      if (expression in stepOutputs) return stepOutputs[expression]!;
      if (expression === "github.token") return "not-a-real-token";
      throw new Error(`no value for \${{ ${expression} }} in this test`);
    });
  return env;
}

const bash = (run: string, cwd: string, env: Record<string, string>) => runProgram("bash", ["-e", "-c", run], cwd, env);

/** Both jobs, one after the other, as on a push. */
async function runWorkflow(options: { provenanceFirst?: boolean } = {}): Promise<Run> {
  const label = `run-${++runCount}`;
  const buildTemp = path.join(temp, label, "build");
  const publishTemp = path.join(temp, label, "publish");
  mkdirSync(buildTemp, { recursive: true });
  mkdirSync(publishTemp, { recursive: true });
  const outputFile = path.join(temp, label, "output");
  const summaryFile = path.join(temp, label, "summary");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  const runner = { ...baseEnv(), RUNNER_TEMP: buildTemp, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile };

  const [, , planStep, ciStep, packStep] = runs(build);
  const plan = await bash(planStep!.run!, project.dir, runner);
  const outputs = Object.fromEntries(
    readFileSync(outputFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  const result: Run = { plan, outputs, summary: readFileSync(summaryFile, "utf8"), buildTemp, ran: [], gh: [] };
  if (plan.code !== 0) return result;

  // .ci/run is skipped (see above), but its condition is the same as the pack step's.
  expect(ciStep!.if).toBe(packStep!.if);
  if (condition(packStep!, outputs)) {
    const pack = await bash(packStep!.run!, project.dir, runner);
    expect(pack.stderr).not.toMatch(/npm error/);
    expect(pack.code).toBe(0);
    result.ran.push("npm pack");
  }

  if (!condition(publish, outputs)) return result;
  // The artifact: what the build job uploads from its runner temp is what the publish job downloads into its own.
  const upload = build.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
  const download = publish.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))!;
  expect(upload.with!.path).toBe("${{ runner.temp }}/release/");
  expect(download.with!.path).toBe("${{ runner.temp }}/release");
  expect(download.with!.name).toBe(upload.with!.name);
  cpSync(path.join(buildTemp, "release"), path.join(publishTemp, "release"), { recursive: true });

  // The attestation action, GitHub's: it attests the tarball the artifact holds and writes its Sigstore bundle to a
  // file of its own, named by its `bundle-path` output. The stand-in writes a file there.
  const attest = publish.steps.find((s) => s.uses?.startsWith("actions/attest-build-provenance@"))!;
  expect(attest.with!["subject-path"]).toBe("${{ runner.temp }}/release/${{ needs.build.outputs.tarball }}");
  expect(existsSync(path.join(publishTemp, "release", outputs.tarball!))).toBe(true);
  const bundle = path.join(publishTemp, `attestation-${label}.json`);
  writeFileSync(bundle, `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","run":"${label}"}\n`);
  const stepOutputs = { [`steps.${attest.id}.outputs.bundle-path`]: bundle };

  const ghLog = path.join(temp, label, "gh-calls");
  // No working directory of the repository: the publish job checks nothing out.
  const jobDir = path.join(temp, label, "workspace");
  mkdirSync(jobDir);
  for (const step of runs(publish)) {
    if (!condition(step, outputs)) continue;
    const env: Record<string, string> = {
      ...baseEnv(),
      ...stepEnv(step, outputs, stepOutputs),
      RUNNER_TEMP: publishTemp,
      GH_LOG: ghLog,
      // What GitHub sets for a job with `id-token: write`: the OIDC check passes (its refusal: workflows.test.ts).
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.actions.example.invalid/idtoken",
    };
    env.PATH = `${path.join(temp, "bin")}${path.delimiter}${process.env.PATH}`;
    if (step.run!.startsWith("npm publish")) {
      if (options.provenanceFirst) result.refused = await bash(step.run!, jobDir, env);
      env.NPM_CONFIG_PROVENANCE = "false";
    }
    const done = await bash(step.run!, jobDir, env);
    result.ran.push(step.run!.split(/\s+/).slice(0, 2).join(" "));
    if (step.run!.startsWith("npm publish")) result.publish = done;
    else expect(done.code).toBe(0);
  }
  if (existsSync(ghLog))
    result.gh = readFileSync(ghLog, "utf8")
      .split("\0\n")
      .filter(Boolean)
      .map((call) => call.split("\0"));
  return result;
}

async function npmView(spec: string): Promise<RunResult> {
  return runProgram("npm", ["view", spec, "version", "dist.shasum", "--json"], temp, baseEnv());
}

async function git(...args: string[]): Promise<void> {
  const result = await runProgram("git", args, project.dir, {
    GIT_AUTHOR_NAME: "test",
    GIT_AUTHOR_EMAIL: "test@example.invalid",
    GIT_COMMITTER_NAME: "test",
    GIT_COMMITTER_EMAIL: "test@example.invalid",
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
}

function editPackage(edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(project.read("package.json")) as Record<string, unknown>;
  edit(json);
  writeFileSync(project.file("package.json"), `${JSON.stringify(json, null, 2)}\n`);
}

describe("release.yml: both jobs' commands, in a copy of the project, against a local registry", () => {
  beforeAll(async () => {
    temp = mkdtempSync(path.join(tmpdir(), "release-runner-"));
    registry = await startLocalRegistry();
    project = copyProject(["src", "tsconfig.build.json", "README.md", "LICENSE", "CHANGELOG.md"]);
    // A known version with its entry on top of the project's CHANGELOG.md; private: true, as in the repository.
    editPackage((json) => {
      expect(json.private).toBe(true);
      json.version = version;
    });
    const changelog = project.read("CHANGELOG.md");
    const first = changelog.search(/^## /m);
    writeFileSync(
      project.file("CHANGELOG.md"),
      `${changelog.slice(0, first)}## ${version} (2026-12-05)\n\n${entry}\n${changelog.slice(first)}`,
    );
    // The stand-in for GitHub's CLI: one line per call, its arguments separated by NUL.
    mkdirSync(path.join(temp, "bin"));
    writeFileSync(
      path.join(temp, "bin", "gh"),
      '#!/usr/bin/env bash\nprintf \'%s\\0\' "$@" >> "$GH_LOG"\necho >> "$GH_LOG"\n',
    );
    chmodSync(path.join(temp, "bin", "gh"), 0o755);
    writeFileSync(project.file(".gitignore"), "node_modules\n.cache/\ndist/\n");
    await git("init", "-q", "-b", "main");
    await git("add", "-A");
    await git("commit", "-q", "-m", "version bump");
  }, 240_000); // the first run on a machine installs verdaccio with the runtimes (test/runtimes/install.ts)

  afterAll(async () => {
    await registry?.close();
    project?.remove();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it("runs what this test runs, in this order: install, plan, .ci/run, pack; then gh and npm publish", () => {
    expect(runs(build).map((s) => s.run!.split(" ").slice(0, 2).join(" "))).toEqual([
      "npm ci",
      "npm audit",
      "npm run",
      ".ci/run",
      "npm pack",
    ]);
    expect(runs(build)[2]!.id).toBe("plan");
    expect(runs(publish).map((s) => s.run!.split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "if [",
      'cp "$BUNDLE"',
      "gh release",
      "npm publish",
    ]);
    expect(runs(publish)[3]!.env!.NPM_CONFIG_PROVENANCE).toBe("true");
  });

  it("private: true: creates the tag and the GitHub release with the CHANGELOG entry, publishes nothing, and says so", async () => {
    const run = await runWorkflow();
    expect(run.plan.stderr).toBe("");
    expect(run.plan.code).toBe(0);
    expect(run.outputs).toEqual({
      version,
      tag: `v${version}`,
      tarball: `trieve-ts-client-${version}.tgz`,
      attestation: `trieve-ts-client-${version}.sigstore.json`,
      provenance: `trieve-ts-client-${version}.intoto.jsonl`,
      notes: "release-notes.md",
      private: "true",
      release: "true",
      publish: "false",
      pending: "true",
    });
    expect(run.summary).toContain("**not published: package.json says `private: true`.**");
    expect(run.summary).toContain("removing `private: true` from package.json (docs/releasing.md)");
    expect(run.ran).toEqual(["npm pack", "if [", 'cp "$BUNDLE"', "gh release"]);
    const publishTemp = path.join(path.dirname(run.buildTemp), "publish");
    expect(run.gh).toEqual([
      [
        "release",
        "create",
        `v${version}`,
        path.join(publishTemp, "release", `trieve-ts-client-${version}.tgz`),
        path.join(publishTemp, "release", `trieve-ts-client-${version}.sigstore.json`),
        path.join(publishTemp, "release", `trieve-ts-client-${version}.intoto.jsonl`),
        "--repo",
        "trieve-ts-client/trieve-ts-client",
        "--target",
        "0123456789abcdef0123456789abcdef01234567",
        "--title",
        `v${version}`,
        "--notes-file",
        path.join(publishTemp, "release", "release-notes.md"),
      ],
    ]);
    expect(readFileSync(path.join(publishTemp, "release", "release-notes.md"), "utf8")).toBe(entry);
    // The release's attestation assets are the bundle the attestation action wrote, under the names Scorecard reads.
    for (const asset of [`trieve-ts-client-${version}.sigstore.json`, `trieve-ts-client-${version}.intoto.jsonl`])
      expect(readFileSync(path.join(publishTemp, "release", asset), "utf8")).toBe(
        '{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","run":"run-1"}\n',
      );
    expect((await npmView(`trieve-ts-client@${version}`)).stderr).toContain("E404");
    // What `gh release create` did on GitHub: the tag exists from now on.
    await git("tag", `v${version}`);
  }, 60_000);

  it("private: true removed: publishes the packed tarball to the registry, and creates no second release", async () => {
    editPackage((json) => delete json.private);
    await git("commit", "-q", "-am", "publish");

    const run = await runWorkflow({ provenanceFirst: true });
    expect(run.outputs).toMatchObject({ private: "false", release: "false", publish: "true", pending: "true" });
    // As the step sets it (NPM_CONFIG_PROVENANCE=true), npm refuses outside GitHub Actions: the variable is read.
    expect(run.refused!.code).not.toBe(0);
    expect(run.refused!.stderr).toMatch(/provenance/i);
    expect(run.refused!.stderr).not.toContain(`+ trieve-ts-client@${version}`);
    expect(run.summary).toContain("- Tag `v0.4.2`: already exists, skipped.");
    expect(run.summary).toContain("- npm: published by the `publish` job");
    expect(run.ran).toEqual(["npm pack", "if [", "npm publish"]);
    expect(run.gh).toEqual([]);
    expect(run.publish!.stderr).not.toMatch(/npm error/);
    expect(run.publish!.code).toBe(0);
    expect(run.publish!.stdout).toContain(`+ trieve-ts-client@${version}`);
    // The registry holds the very tarball the build job packed.
    const view = await npmView(`trieve-ts-client@${version}`);
    expect(view.code).toBe(0);
    const tarball = path.join(run.buildTemp, "release", `trieve-ts-client-${version}.tgz`);
    expect(JSON.parse(view.stdout)).toEqual({ version, "dist.shasum": sha1(tarball) });
  }, 60_000);

  it("a second run skips: tagged and published, nothing packed or published, and the summary says so", async () => {
    const run = await runWorkflow();
    expect(run.plan.code).toBe(0);
    expect(run.outputs).toMatchObject({ release: "false", publish: "false", pending: "false" });
    expect(run.summary).toContain(`- npm: trieve-ts-client@${version} is already on the registry, skipped.`);
    expect(run.summary).toContain(`Nothing to release: v${version} is tagged and published.`);
    expect(run.ran).toEqual([]);
    expect(existsSync(path.join(run.buildTemp, "release", "release-notes.md"))).toBe(false);
  }, 60_000);

  it("a new version without a CHANGELOG.md entry fails the plan, naming the fix, before anything is built", async () => {
    editPackage((json) => (json.version = "0.4.3"));
    const run = await runWorkflow();
    expect(run.plan.code).toBe(1);
    expect(run.plan.stderr).toMatch(
      /^✖ CHANGELOG\.md has no entry for 0\.4\.3: add a "## 0\.4\.3 \(YYYY-MM-DD\)" heading/m,
    );
    expect(run.outputs).toEqual({}); // no outputs: no later step runs
    expect(run.ran).toEqual([]);
  }, 60_000);
});
