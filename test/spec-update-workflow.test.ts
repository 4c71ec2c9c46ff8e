import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startLocalServer, type LocalServer } from "./helpers/local-server.js";
import { copyProject, projectRoot, type ProjectCopy } from "./helpers/project-copy.js";
import { runProgram } from "./helpers/run-node.js";
import { outputIsTrue, type Workflow } from "./helpers/workflow-rules.js";

/**
 * .github/workflows/spec-update.yml, run as GitHub would run it: the update job's own `run:` lines, taken from the
 * file and started with `bash -e` in a copy of the project (a git repository, as the checkout is), against specs
 * served by a local node:http server; then what the pull-request job does with the artifact: its own `git apply`
 * line, on a clean checkout of the same commit. The days follow each other in one copy, as they do on the
 * repository (each day's pull request merged before the next): additions, then the same spec again, then a
 * change at level warning only, then a breaking change, then one that breaks our own code (the compile gate), then
 * the removal of the operation src/ calls (Trieve's step 047), then its return (step 050).
 */

const workflow = parse(readFileSync(path.join(projectRoot, ".github/workflows/spec-update.yml"), "utf8")) as Workflow;
const updateJob = workflow.jobs.update!;
const pullRequestJob = workflow.jobs["pull-request"]!;
const updateStep = updateJob.steps.find((s) => s.id === "update")!;
/** The update job's commands after `npm ci` (the copy links our node_modules), in order. */
const updateRuns = updateJob.steps.slice(updateJob.steps.indexOf(updateStep)).filter((s) => s.run);
const uploadStep = updateJob.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
const downloadStep = pullRequestJob.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))!;
const applyStep = pullRequestJob.steps.find((s) => s.run?.startsWith("git apply "))!;
const pullRequestStep = pullRequestJob.steps.find((s) => s.uses?.startsWith("peter-evans/create-pull-request@"))!;
/** The files the pull request commits (create-pull-request's add-paths). */
const committed = pullRequestStep.with!["add-paths"]!.trim().split("\n");

/** Where the update step writes the pull-request body (its `--markdown`), with `${{ runner.temp }}` for $RUNNER_TEMP. */
const markdownFile = /--markdown "\$RUNNER_TEMP(\/[^"]+)"/
  .exec(updateStep.run!)![1]!
  .replace(/^/, "${{ runner.temp }}");

// eslint-free `any`: the tests edit the spec documents freely.
type Spec = Record<string, any>;
const seed = (): Spec => parse(readFileSync(path.join(projectRoot, "test/fixtures/seed/trieve.yaml"), "utf8")) as Spec;
const deletePath = "/api/user/api_key/{api_key_id}";

/** The seed and one more operation. */
function withHealthCheck(): Spec {
  const spec = seed();
  spec.paths["/api/health"] = {
    get: {
      tags: ["Health"],
      summary: "Health Check",
      operationId: "health_check",
      responses: { "200": { description: "Confirmation that the service is healthy" }, "400": { description: "no" } },
      security: [{ ApiKey: ["readonly"] }],
    },
  };
  return spec;
}

/** The health check without its 400 response: a change at level `warning` (response-non-success-status-removed). */
function withHealthCheckWithout400(): Spec {
  const spec = withHealthCheck();
  delete spec.paths["/api/health"].get.responses["400"];
  return spec;
}

/** The held-out case of the compile gate: the id that src/ passes as a string becomes an integer. */
function withIntegerId(): Spec {
  const spec = seed();
  spec.paths[deletePath].delete.parameters[0].schema = { type: "integer", format: "int64" };
  return spec;
}

/** Trieve's step 047 in small: the operation src/ calls is gone, another one is there. */
function withoutCalledOperation(): Spec {
  const spec = withHealthCheck();
  delete spec.paths[deletePath];
  return spec;
}

interface Day {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  body: string | undefined;
  /** whether the workflow's pull-request step runs, by its own `if:` */
  opensPullRequest: boolean;
}

describe("spec-update.yml: the workflow's commands, in a copy of the project", () => {
  let project: ProjectCopy;
  let server: LocalServer;
  let served = "";
  let temp: string;
  let day = 0;
  let entriesAtStart = 0;

  beforeAll(async () => {
    project = copyProject(["src", "examples", "test", "package-lock.json", "CHANGELOG.md"]);
    writeFileSync(
      project.file("spec/trieve.yaml"),
      readFileSync(path.join(projectRoot, "test/fixtures/seed/trieve.yaml")),
    );
    // A known version to bump from, whatever the project's own is now.
    for (const file of ["package.json", "package-lock.json"]) {
      const json = JSON.parse(project.read(file)) as {
        version: string;
        packages?: Record<string, { version: string }>;
      };
      json.version = "0.4.2";
      if (json.packages?.[""]) json.packages[""].version = "0.4.2";
      writeFileSync(project.file(file), `${JSON.stringify(json, null, 2)}\n`);
    }
    entriesAtStart = changelogEntries().length;
    // The checkout: a git repository at one commit, which the update job diffs against and the patch applies to.
    writeFileSync(project.file(".gitignore"), "node_modules\n.cache\n");
    await git("init", "-q");
    await git("add", "-A");
    await git("commit", "-q", "-m", "main");
    temp = mkdtempSync(path.join(tmpdir(), "spec-update-runner-"));
    server = await startLocalServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(served),
    );
  });
  afterAll(async () => {
    await server?.close();
    project?.remove();
    rmSync(temp, { recursive: true, force: true });
  });

  async function git(...args: string[]) {
    const identity = { name: "spec-update test", email: "test@example.invalid" };
    const result = await runProgram("git", args, project.dir, {
      GIT_AUTHOR_NAME: identity.name,
      GIT_AUTHOR_EMAIL: identity.email,
      GIT_COMMITTER_NAME: identity.name,
      GIT_COMMITTER_EMAIL: identity.email,
    });
    expect(result.stderr, `git ${args.join(" ")}`).toBe("");
    expect(result.code).toBe(0);
    return result.stdout;
  }

  /**
   * One scheduled run. The update job: its commands as written, with what GitHub puts in their environment, then
   * the artifact, the files its upload step names. The pull-request job, when its `if:` lets it run: a clean
   * checkout of the same commit, the artifact where its download step puts it, and its own `git apply` line, which
   * must give back every file spec:update wrote. Then the day's pull request is merged.
   */
  async function runWorkflow(spec: Spec): Promise<Day> {
    served = JSON.stringify(spec);
    const runnerTemp = path.join(temp, `day-${++day}`);
    const outputFile = path.join(temp, `output-${day}`);
    writeFileSync(outputFile, "");
    mkdirSync(runnerTemp);
    const env = { URL: `${server.url}/api-docs/openapi.json`, RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: outputFile };
    const outputs = () =>
      Object.fromEntries(
        readFileSync(outputFile, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );
    let result = { code: 0 as number | null, stdout: "", stderr: "" };
    for (const step of updateRuns) {
      if (!outputIsTrue(step.if, outputs())) continue;
      const ran = await runProgram("bash", ["-e", "-c", step.run!], project.dir, { ...(step.env ?? {}), ...env });
      if (step === updateStep) result = ran;
      else expect(ran.stderr + ran.stdout, step.run).toBe("");
      if (ran.code !== 0) return { ...result, outputs: outputs(), body: undefined, opensPullRequest: false };
    }
    // The job's outputs, as GitHub fills them from the update step's.
    const stepOutputs = outputs();
    const jobOutputs = Object.fromEntries(
      Object.entries(updateJob.outputs!).map(([name, value]) => {
        const from = /^\$\{\{ steps\.update\.outputs\.(\w+) \}\}$/.exec(value);
        expect(from, value).not.toBeNull();
        return [name, stepOutputs[from![1]!] ?? ""];
      }),
    );
    const opensPullRequest = outputIsTrue(pullRequestJob.if, jobOutputs);
    const atRunner = (p: string, temp: string) => p.replaceAll("${{ runner.temp }}", temp);
    if (!opensPullRequest) {
      let body: string | undefined;
      try {
        body = readFileSync(atRunner(markdownFile, runnerTemp), "utf8");
      } catch {
        body = undefined;
      }
      expect(await git("status", "--porcelain")).toBe("");
      return { ...result, outputs: stepOutputs, body, opensPullRequest };
    }
    expect(outputIsTrue(uploadStep.if, stepOutputs)).toBe(true);

    // The pull-request job, on its own runner.
    const written = committed.map((file) => project.read(file));
    const prTemp = path.join(temp, `day-${day}-pull-request`);
    const artifact = atRunner(downloadStep.with!.path!, prTemp);
    mkdirSync(artifact, { recursive: true });
    // upload-artifact keeps the files below their common folder (runner.temp): they land in the download path.
    for (const file of uploadStep.with!.path!.trim().split("\n"))
      copyFileSync(atRunner(file, runnerTemp), path.join(artifact, path.basename(file)));
    await git("reset", "-q", "--hard");
    const applied = await runProgram("bash", ["-e", "-c", applyStep.run!], project.dir, { RUNNER_TEMP: prTemp });
    expect(applied.stderr + applied.stdout).toBe("");
    expect(applied.code).toBe(0);
    expect(committed.map((file) => project.read(file))).toEqual(written);
    const changedFiles = (await git("status", "--porcelain")).split("\n").filter(Boolean);
    for (const line of changedFiles) expect(committed).toContain(line.slice(3));
    const body = readFileSync(atRunner(pullRequestStep.with!["body-path"]!, prTemp), "utf8");
    // The pull request is merged before the next day.
    await git("commit", "-q", "-a", "-m", `day ${day}`);
    return { ...result, outputs: stepOutputs, body, opensPullRequest };
  }

  const version = (file: string) => (JSON.parse(project.read(file)) as { version: string }).version;
  const changelogEntries = () =>
    project
      .read("CHANGELOG.md")
      .split(/^(?=## )/m)
      .slice(1);

  it("reads the URL from a repository variable, Trieve's published spec by default", () => {
    expect(updateStep.env?.URL).toBe("${{ vars.TRIEVE_SPEC_URL || 'https://api.trieve.ai/api-docs/openapi.json' }}");
    expect(updateJob.steps.map((s) => s.run?.split(" ").slice(0, 2).join(" ")).filter(Boolean)).toEqual([
      "npm ci",
      "npm run",
      "git diff",
    ]);
    // Every output the pull-request job reads is one that the update job passes on (and spec:update writes: day 1).
    const read = [...JSON.stringify(pullRequestJob).matchAll(/needs\.update\.outputs\.(\w+)/g)].map((m) => m[1]!);
    expect(read).toContain("title");
    for (const name of read) expect(updateJob.outputs).toHaveProperty(name);
    // The artifact holds the body the pull request shows.
    expect(uploadStep.with!.path).toContain(markdownFile);
    expect(pullRequestStep.with!["body-path"]).toBe(`${downloadStep.with!.path}/${path.basename(markdownFile)}`);
  });

  it("day 1, an added operation: a patch bump (0.x), a pull request without the breaking label", async () => {
    const run = await runWorkflow(withHealthCheck());
    expect(run.stderr).not.toMatch(/✖/);
    expect(run.code).toBe(0);
    expect(run.opensPullRequest).toBe(true);
    expect(run.outputs).toMatchObject({
      changed: "true",
      verdict: "additions only",
      bump: "patch",
      version: "0.4.3",
      breaking: "false",
      labels: "",
      title: "Trieve spec 0.13.0: patch bump to 0.4.3, additions only",
    });
    for (const value of Object.values(updateJob.outputs!))
      expect(run.outputs).toHaveProperty(/steps\.update\.outputs\.(\w+)/.exec(value)![1]!);
    expect(run.body).toMatch(
      /^> ⚠️ \*\*Silent change\*\*: 1 operation changed, but `info\.version` is still `0\.13\.0`\.\n/,
    );
    expect(run.body).toContain("**Additions only, nothing breaking** · bump: **patch (0.4.2 → 0.4.3)**");
    expect(run.body).toContain(
      "- = `DELETE /api/user/api_key/{api_key_id}` (`delete_user_api_key`) by `deleteUserApiKey()`: unchanged",
    );
    expect(run.body).toMatch(/### Added \(1\)\n\n- `GET \/api\/health` \(`health_check`\)\n/);
    expect(run.body).toMatch(/### Lint\n\n0 errors, \d+ warnings?/);

    expect(parse(project.read("spec/trieve.yaml"))).toEqual(withHealthCheck());
    expect(project.read("generated/trieve.ts")).toContain('"/api/health": {');
    expect([version("package.json"), version("package-lock.json")]).toEqual(["0.4.3", "0.4.3"]);
    const [entry] = changelogEntries();
    expect(entry).toMatch(/^## 0\.4\.3 \(\d{4}-\d{2}-\d{2}\)\n/);
    expect(entry).toContain("Trieve spec `0.13.0` → `0.13.0`: additions only, patch bump (0.4.2 → 0.4.3)");
    expect(entry).toContain("Operations: 1 added, 0 removed, 0 changed; changes: 0 breaking, 0 warning, 1 info.");
    expect(entry).not.toContain("Breaking:");
  }, 240_000);

  it("day 2, the same spec again: nothing written, no pull request", async () => {
    const before = ["spec/trieve.yaml", "generated/trieve.ts", "package.json", "package-lock.json", "CHANGELOG.md"].map(
      (f) => project.read(f),
    );
    const run = await runWorkflow(withHealthCheck());
    expect(run.code).toBe(0);
    expect(run.opensPullRequest).toBe(false);
    expect(run.outputs).toMatchObject({ changed: "false", verdict: "unchanged", bump: "none" });
    expect(run.body).toContain("**Unchanged** · bump: **none**");
    expect(run.stdout).toMatch(/^unchanged {2}spec\/trieve\.yaml, generated\/trieve\.ts$/m);
    expect(
      ["spec/trieve.yaml", "generated/trieve.ts", "package.json", "package-lock.json", "CHANGELOG.md"].map((f) =>
        project.read(f),
      ),
    ).toEqual(before);
  }, 240_000);

  it("day 3, a warning only (a 400 response removed): additions only, a patch bump, no `breaking` label", async () => {
    const run = await runWorkflow(withHealthCheckWithout400());
    expect(run.code).toBe(0);
    expect(run.opensPullRequest).toBe(true);
    expect(run.outputs).toMatchObject({
      changed: "true",
      verdict: "additions only",
      bump: "patch",
      version: "0.4.4",
      breaking: "false",
      labels: "",
    });
    expect(run.body).toContain(
      "**Additions only, nothing breaking; 1 warning to review** · bump: **patch (0.4.3 → 0.4.4)**",
    );
    expect(run.body).toContain(
      "### Warning (1 change)\n\n- `GET /api/health` (`health_check`)\n" +
        "  - ! response `400` removed (was at `#/paths/~1api~1health/get/responses/400`) [warning] `response-non-success-status-removed`\n",
    );
    expect(run.body).not.toContain("### Breaking");
    const [entry] = changelogEntries();
    expect(entry).toMatch(/^## 0\.4\.4 /);
    expect(entry).toContain("changes: 0 breaking, 1 warning, 0 info.");
    expect(entry).not.toContain("Breaking:");
  }, 240_000);

  it("day 4, an operation removed: breaking, a minor bump (0.x), the `breaking` label", async () => {
    const run = await runWorkflow(seed());
    expect(run.code).toBe(0);
    expect(run.opensPullRequest).toBe(true);
    expect(run.outputs).toMatchObject({
      changed: "true",
      verdict: "breaking",
      bump: "minor",
      version: "0.5.0",
      breaking: "true",
      labels: "breaking",
      title: "Trieve spec 0.13.0: minor bump to 0.5.0, breaking",
    });
    expect(run.body).toContain("**Breaking** · bump: **minor (0.4.4 → 0.5.0)**");
    expect(run.body).toMatch(/### Removed \(1\)\n\n- ✖ `GET \/api\/health` \(`health_check`\)\n/);
    // Its change, under the level it has, with the rule id, as the text report shows it; above it, the
    // compiler's proof: the operation's caller in the usage corpus no longer compiles.
    expect(run.body).toContain(
      "### Breaking (1 change)\n\n- `GET /api/health` (`health_check`)\n" +
        "  - ⨯ compiler, `inline, annotated: .corpus/ops/get-api-health.ts:",
    );
    expect(run.body).toContain(
      "\n  - ✖ operation removed (was at `#/paths/~1api~1health/get`) [breaking] `api-path-removed-without-deprecation`\n",
    );
    expect(run.body).not.toContain("Does not compile");
    expect(parse(project.read("spec/trieve.yaml"))).toEqual(seed());
    expect(version("package.json")).toBe("0.5.0");
    const entries = changelogEntries();
    // The project's own CHANGELOG.md came along with the copy: three entries more than it had, newest first.
    expect(entries).toHaveLength(entriesAtStart + 3);
    expect(entries[0]).toMatch(/^## 0\.5\.0 \(\d{4}-\d{2}-\d{2}\)\n/);
    expect(entries[0]).toContain("\nBreaking:\n\n- `GET /api/health` (`health_check`): operation removed\n");
    expect(entries[1]).toMatch(/^## 0\.4\.4 /);
    expect(entries[2]).toMatch(/^## 0\.4\.3 /);
  }, 240_000);

  it("day 5, api_key_id becomes an integer: the compile gate lists what src/ must fix, the PR is opened", async () => {
    const run = await runWorkflow(withIntegerId());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^⚠ \d+ compile errors? \(listed above\) in our code and \d+ type-test errors? \(listed above\) to update: fix them/m,
    );
    expect(run.opensPullRequest).toBe(true);
    expect(run.outputs).toMatchObject({ verdict: "breaking", bump: "minor", version: "0.6.0", labels: "breaking" });
    const errors = /### Does not compile against the new types \((\d+)\)\n[\s\S]*?```\n([\s\S]*?)```/.exec(
      run.body ?? "",
    );
    expect(errors).not.toBeNull();
    const lines = errors![2]!.trim().split("\n");
    expect(lines).toHaveLength(Number(errors![1]));
    for (const line of lines) expect(line).toMatch(/^(src|examples)\/[\w./-]+:\d+:\d+ TS\d{4,} \S/);
    expect(lines.some((l) => l.startsWith("src/"))).toBe(true);
    // The type tests that pin the id as a string: to update with it, under their own heading.
    expect(run.body).toMatch(/### Type tests to update \(\d+\)\n[\s\S]*?\ntest\/client\.test-d\.ts:\d+:\d+ TS/);
    expect(project.read("generated/trieve.ts")).toMatch(/api_key_id: number;/);
    expect(changelogEntries()[0]).toMatch(/Does not compile against the new types \(fix before release\):\n\n- `src\//);

    // What was written passes the project's format check as it stands (CHANGELOG.md is formatted on the way).
    const format = await runProgram(
      process.execPath,
      ["node_modules/prettier/bin/prettier.cjs", "--check", "CHANGELOG.md", "package.json", "package-lock.json"],
      project.dir,
    );
    expect(format.stdout + format.stderr).toContain("All matched files use Prettier code style!");
  }, 240_000);

  it("day 6, the operation src/ calls removed: a pull request that opens with it, labelled `breaking`", async () => {
    const run = await runWorkflow(withoutCalledOperation());
    expect(run.code).toBe(0);
    expect(run.opensPullRequest).toBe(true);
    expect(run.outputs).toMatchObject({
      changed: "true",
      verdict: "breaking",
      bump: "minor",
      version: "0.7.0",
      breaking: "true",
      labels: "breaking",
    });
    expect(run.body!.split("\n")[0]).toBe(
      "> ✖ **Removed: `DELETE /api/user/api_key/{api_key_id}` (`delete_user_api_key`), which `deleteUserApiKey()` " +
        "in `src/` calls.** The wrapper does not compile against the new types until the operation is back in the " +
        "spec or `src/` stops calling it (errors below).",
    );
    expect(run.body).toMatch(/### Does not compile against the new types \(\d+\)\n[\s\S]*?\nsrc\/user\.ts:\d+:\d+ TS/);
    expect(run.body).toMatch(/### Added \(1\)\n\n- `GET \/api\/health` \(`health_check`\)\n/);
    expect(project.read("generated/trieve.ts")).not.toContain(`"${deletePath}"`);
    expect(changelogEntries()[0]).toContain(
      "`DELETE /api/user/api_key/{api_key_id}` (`delete_user_api_key`): operation removed",
    );
  }, 240_000);

  it("day 7, the operation back (Trieve's step 050): a pull request without the `breaking` label", async () => {
    const run = await runWorkflow(withHealthCheck());
    expect(run.code).toBe(0);
    expect(run.opensPullRequest).toBe(true);
    expect(run.outputs).toMatchObject({
      changed: "true",
      verdict: "additions only",
      bump: "patch",
      version: "0.7.1",
      breaking: "false",
      labels: "",
    });
    expect(run.body).toContain(
      "- · `DELETE /api/user/api_key/{api_key_id}` (`delete_user_api_key`) by `deleteUserApiKey()`: back in the spec",
    );
    expect(run.body).not.toContain("Removed:");
    expect(run.body).not.toContain("### Does not compile");
    expect(parse(project.read("spec/trieve.yaml"))).toEqual(withHealthCheck());
  }, 240_000);

  it("a spec that cannot be fetched fails the step with one line, and writes nothing", async () => {
    const before = ["spec/trieve.yaml", "package.json", "CHANGELOG.md"].map((f) => project.read(f));
    const down = await startLocalServer((_req, res) => res.end());
    await down.close();
    const runnerTemp = path.join(temp, "failed");
    const result = await runProgram("bash", ["-e", "-c", updateStep.run!], project.dir, {
      URL: `${down.url}/api-docs/openapi.json`,
      RUNNER_TEMP: runnerTemp,
      GITHUB_OUTPUT: path.join(temp, "failed-output"),
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(
      /^✖ http:\/\/127\.0\.0\.1:\d+\/api-docs\/openapi\.json: cannot fetch the spec \(ECONNREFUSED\)/m,
    );
    expect(["spec/trieve.yaml", "package.json", "CHANGELOG.md"].map((f) => project.read(f))).toEqual(before);
    expect(() => readFileSync(path.join(temp, "failed-output"))).toThrow(); // no outputs: the PR step cannot run
  }, 60_000);
});

describe("spec-update.yml: the `breaking` label follows the latest verdict", () => {
  const labelStep = pullRequestJob.steps.find((s) => s.run?.includes("--remove-label breaking"))!;

  /** The step's `run:` with a stand-in `gh` first on PATH: it logs its arguments and says whether the label is on. */
  async function removeLabel(labelled: boolean) {
    const dir = mkdtempSync(path.join(tmpdir(), "fake-gh-"));
    try {
      const log = path.join(dir, "gh.log");
      writeFileSync(
        path.join(dir, "gh"),
        `#!/bin/bash\necho "$*" >> "${log}"\nif [ "$1 $2" = "pr view" ]; then echo ${labelled}; fi\n`,
        { mode: 0o755 },
      );
      const env = { ...labelStep.env, PR: "42", PATH: `${dir}:${process.env.PATH}` };
      const result = await runProgram("bash", ["-e", "-c", labelStep.run!], dir, env);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      return readFileSync(log, "utf8").trim().split("\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("runs after create-pull-request, when today's update is not breaking and there is a pull request", () => {
    const steps = pullRequestJob.steps;
    expect(steps.indexOf(labelStep)).toBe(steps.indexOf(pullRequestStep) + 1);
    expect(labelStep.if).toBe(
      `needs.update.outputs.breaking != 'true' && steps.${pullRequestStep.id}.outputs.pull-request-number != ''`,
    );
    expect(labelStep.env).toMatchObject({ PR: `\${{ steps.${pullRequestStep.id}.outputs.pull-request-number }}` });
  });

  it("removes the label when the pull request has it", async () => {
    const calls = await removeLabel(true);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(/^pr view 42 --json labels --jq /);
    expect(calls[1]).toBe("pr edit 42 --remove-label breaking");
  });

  it("leaves the pull request alone when it does not have it (gh would fail)", async () => {
    expect(await removeLabel(false)).toEqual([expect.stringMatching(/^pr view 42 /)]);
  });
});
