import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "./helpers/project-copy.js";
import { runNode, runProgram } from "./helpers/run-node.js";
import {
  canWrite,
  privilegeProblems,
  publishesTarball,
  unpinnedActions,
  type Workflow,
  type WorkflowJob,
  type WorkflowStep,
} from "./helpers/workflow-rules.js";

const workflowsDir = path.join(projectRoot, ".github", "workflows");
const workflowFiles = readdirSync(workflowsDir).filter((f) => f.endsWith(".yml"));

/** The `action-validator` bin of @action-validator/cli, run with this Node like any script. */
const validatorDir = path.join(projectRoot, "node_modules", "@action-validator", "cli");
const validatorBin = (
  JSON.parse(readFileSync(path.join(validatorDir, "package.json"), "utf8")) as { bin: Record<string, string> }
).bin["action-validator"]!;
const validator = path.join(validatorDir, validatorBin);

const read = (file: string) => parse(readFileSync(path.join(workflowsDir, file), "utf8")) as Workflow;

/** action-validator cannot check `paths:` globs and says so on stderr; that is no error in the workflow. */
const withoutGlobNotice = (output: string) =>
  output.replace(/^WARNING: Glob validation is not yet supported\. Glob at \S+ will not be validated\.\n?/gm, "");

/**
 * The scopes of a job's `permissions` that GitHub documents
 * (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#permissions).
 * action-validator 0.6.0, the latest, bundles a schema from before `attestations` (2024): the schema test runs on
 * the file without that one line, and this list checks every scope's name instead.
 */
const permissionScopes = [
  "actions",
  "attestations",
  "checks",
  "contents",
  "deployments",
  "discussions",
  "id-token",
  "issues",
  "models",
  "packages",
  "pages",
  "pull-requests",
  "repository-projects",
  "security-events",
  "statuses",
];
const unknownToValidator = /^ +attestations: (read|write|none)\n/gm;

describe("the GitHub workflows", () => {
  it.each(workflowFiles)("%s passes GitHub's workflow schema (action-validator)", async (file) => {
    const text = readFileSync(path.join(workflowsDir, file), "utf8");
    const dir = mkdtempSync(path.join(tmpdir(), "workflow-"));
    try {
      writeFileSync(path.join(dir, file), text.replace(unknownToValidator, ""));
      const result = await runNode(dir, [validator, file]);
      expect(withoutGlobNotice(result.stdout + result.stderr)).toBe("");
      expect(result.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(workflowFiles)("%s names only permission scopes GitHub documents, at read, write or none", (file) => {
    const workflow = read(file);
    for (const permissions of [workflow.permissions, ...Object.values(workflow.jobs).map((j) => j.permissions)]) {
      if (permissions === undefined || typeof permissions === "string") {
        expect([undefined, "read-all"]).toContain(permissions);
        continue;
      }
      for (const [scope, level] of Object.entries(permissions as object)) {
        expect(permissionScopes).toContain(scope);
        expect(["read", "write", "none"]).toContain(level);
      }
    }
  });

  it("the schema test leaves out only the `attestations` permission, which action-validator 0.6.0 does not know", async () => {
    const release = readFileSync(path.join(workflowsDir, "release.yml"), "utf8");
    expect(release.match(unknownToValidator)).toEqual(["      attestations: write\n"]);
    // What the validator says of it, so that the day it learns the scope this exception can go.
    const dir = mkdtempSync(path.join(tmpdir(), "workflow-"));
    try {
      writeFileSync(path.join(dir, "release.yml"), release);
      const result = await runNode(dir, [validator, "release.yml"]);
      expect(result.stdout + result.stderr).toContain("Additional property 'attestations' is not allowed");
      expect(result.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the validator rejects a workflow that breaks the schema (so the test above can fail)", async () => {
    const broken = readFileSync(path.join(workflowsDir, "ci.yml"), "utf8").replace("runs-on:", "runs_on:");
    const dir = mkdtempSync(path.join(tmpdir(), "workflow-"));
    try {
      writeFileSync(path.join(dir, "ci.yml"), broken);
      const result = await runNode(dir, [validator, "ci.yml"]);
      expect(result.stdout + result.stderr).toContain("Additional property 'runs_on' is not allowed");
      expect(result.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(workflowFiles)("%s pins every action to a full commit SHA, and asks for no permission by default", (file) => {
    const workflow = read(file);
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    expect(unpinnedActions(workflow)).toEqual([]);
    // Never the repository's default token permissions: the workflow sets its own, and a job may widen them.
    expect(workflow.permissions).toBeDefined();
  });

  it.each(workflowFiles)(
    "%s: no job that may write or holds a secret runs npm, node, npx or project scripts",
    (file) => {
      expect(privilegeProblems(read(file))).toEqual([]);
    },
  );

  it("the privilege and pinning checks reject a doctored spec-update.yml (so the tests above can fail)", () => {
    const doctored = () => read("spec-update.yml");
    // The write job installs something...
    const installs = doctored();
    installs.jobs["pull-request"]!.steps.splice(1, 0, { run: "npm ci --ignore-scripts" });
    expect(privilegeProblems(installs)).toEqual([
      "job pull-request may write and uses a secret, and runs project code: npm ci --ignore-scripts",
    ]);
    // ...or runs a project script, or a local action.
    const script = doctored();
    script.jobs["pull-request"]!.steps.push(
      { run: "bash ./scripts/label.sh" },
      { run: "node_modules/.bin/tsx x.ts" },
      { run: 'echo "$(node -p 1)"' },
      { uses: "./.github/actions/x" },
    );
    expect(privilegeProblems(script)).toHaveLength(4);
    // The job that runs npm is given a write permission, or a secret, or the workflow's default token.
    const writes = doctored();
    writes.jobs.update!.permissions = { contents: "write" };
    expect(privilegeProblems(writes)).toEqual([
      "job update may write, and runs project code: npm ci --ignore-scripts --no-audit --no-fund",
      expect.stringMatching(/^job update may write, and runs project code: npm run spec:update -- /),
    ]);
    const secret = doctored();
    secret.jobs.update!.steps[3]!.env = { TOKEN: "${{ secrets.SPEC_UPDATE_TOKEN }}" };
    expect(privilegeProblems(secret)).toHaveLength(2);
    const defaults = doctored();
    delete defaults.jobs.update!.permissions;
    delete defaults.permissions;
    expect(privilegeProblems(defaults)).toHaveLength(2);
    // release.yml's publish job may publish the tarball it was given, and nothing more.
    const release = read("release.yml");
    release.jobs.publish!.steps.push({ run: "npm publish --ignore-scripts" }, { run: "npm ci && npm publish" });
    expect(privilegeProblems(release)).toHaveLength(2);
    // An action on a tag instead of a commit.
    const tag = doctored();
    tag.jobs.update!.steps[0]!.uses = "actions/checkout@v5";
    expect(unpinnedActions(tag)).toEqual(["actions/checkout@v5"]);
  });

  it("every step that runs a command runs an npm script, .ci/run, or git and gh: the logic stays where tests reach it", () => {
    const runs = workflowFiles.flatMap((file) =>
      Object.values(read(file).jobs).flatMap((job) => job.steps.flatMap((s) => (s.run ? [s.run] : []))),
    );
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs)
      expect(run).toMatch(
        /^(npm ci (--ignore-scripts )?--no-audit --no-fund|npm audit signatures$|npm run [\w:]+ -- |\.ci\/run$|git (diff|apply) |if \[ "\$\(gh pr view |npm pack --pack-destination |gh release create |npm publish |if \[ -z "\$\{ACTIONS_ID_TOKEN_REQUEST_URL:-\}" \]; then\n|cp "\$BUNDLE" "\$RUNNER_TEMP\/release\/\$ATTESTATION"\ncp "\$BUNDLE" "\$RUNNER_TEMP\/release\/\$PROVENANCE"\n$)/,
      );
  });

  it("ci.yml runs .ci/run on pushes and pull requests, on Node 22 and 24", () => {
    const ci = parse(readFileSync(path.join(workflowsDir, "ci.yml"), "utf8")) as {
      on: Record<string, unknown>;
      jobs: { test: { strategy: { matrix: { node: number[] } }; steps: Array<{ run?: string; with?: object }> } };
    };
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    expect(ci.jobs.test.strategy.matrix.node).toEqual([22, 24]);
    expect(ci.jobs.test.steps.map((s) => s.run).filter(Boolean)).toEqual([".ci/run"]);
    expect(JSON.stringify(ci.jobs.test.steps)).toContain('"node-version":"${{ matrix.node }}"');
  });

  it("spec-update.yml runs daily and on demand; the update job reads, the pull-request job writes", () => {
    const workflow = parse(readFileSync(path.join(workflowsDir, "spec-update.yml"), "utf8")) as Workflow & {
      on: { schedule: Array<{ cron: string }>; workflow_dispatch: unknown };
    };
    expect(workflow.on.schedule).toHaveLength(1);
    expect(workflow.on.schedule[0]!.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.update!.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs["pull-request"]!.permissions).toEqual({ contents: "write", "pull-requests": "write" });
    expect(workflow.jobs["pull-request"]!.needs).toBe("update");
    // Install scripts: none runs where the spec is processed.
    expect(workflow.jobs.update!.steps.map((s) => s.run).filter((r) => r?.startsWith("npm ci"))).toEqual([
      "npm ci --ignore-scripts --no-audit --no-fund",
    ]);
  });

  it("release.yml runs on a push to main that changes package.json; only its publish job may write, and it runs no project code", () => {
    const workflow = read("release.yml") as Workflow & { on: { push: { branches: string[]; paths: string[] } } };
    expect(workflow.on.push).toEqual({ branches: ["main"], paths: ["package.json"] });
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.build!.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.publish!.permissions).toEqual({
      contents: "write",
      "id-token": "write",
      attestations: "write",
    });
    expect(workflow.jobs.publish!.needs).toBe("build");
    const writers = Object.entries(workflow.jobs).filter(([, job]) => canWrite(workflow, job));
    expect(writers.map(([name]) => name)).toEqual(["publish"]);
    const publish = workflow.jobs.publish!;
    for (const run of publish.steps.flatMap((s) => (s.run ? [s.run] : [])))
      expect(publishesTarball(run) || /^(gh|git|cp) |^if \[ -z "\$\{ACTIONS_ID_TOKEN_REQUEST_URL/.test(run), run).toBe(
        true,
      );
    // No checkout (nothing of the repository to run), no cache (a restored cache is someone else's files).
    for (const step of publish.steps.filter((s) => s.uses)) {
      expect(step.uses).toMatch(/^actions\/(download-artifact|setup-node|attest-build-provenance)@/);
      expect(step.with ?? {}).not.toHaveProperty("cache");
    }
    // Provenance is asked for where npm reads it (the step's environment), and no npm token is handed over.
    const publishStep = publish.steps.find((s) => publishesTarball(s.run ?? "")) as WorkflowStep;
    expect(publishStep.env?.NPM_CONFIG_PROVENANCE).toBe("true");
    expect(JSON.stringify(workflow)).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
  });
  it("release.yml: the publish job stops before anything else when it has no OIDC token, and says why", async () => {
    const workflow = read("release.yml");
    const steps = workflow.jobs.publish!.steps;
    const check = steps.findIndex((s) => s.run?.includes("ACTIONS_ID_TOKEN_REQUEST_URL"));
    // Right after the download, on every run of the job: before the attestation, the release and the publish.
    expect(check).toBe(1);
    expect(steps[check]!.if).toBeUndefined();
    expect(steps.findIndex((s) => s.uses?.startsWith("actions/attest-build-provenance@"))).toBeGreaterThan(check);
    const run = steps[check]!.run!;
    const dir = mkdtempSync(path.join(tmpdir(), "oidc-"));
    try {
      // As in a job without `id-token: write`, or outside GitHub Actions: GitHub sets the variable only with it.
      const refused = await runProgram("bash", ["-e", "-c", run], dir, { ACTIONS_ID_TOKEN_REQUEST_URL: "" });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe("");
      expect(refused.stderr).toMatch(/^::error::no OIDC token \(ACTIONS_ID_TOKEN_REQUEST_URL is unset\): /);
      expect(refused.stderr).toContain("Give the publish job 'id-token: write' in release.yml");
      const given = await runProgram("bash", ["-e", "-c", run], dir, {
        ACTIONS_ID_TOKEN_REQUEST_URL: "https://pipelines.actions.githubusercontent.com/x/idtoken",
      });
      expect(given).toEqual({ code: 0, stdout: "", stderr: "" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("release.yml: the build job checks the registry signatures of what it installed; the tarball's attestation is a release asset", () => {
    const workflow = read("release.yml");
    const build = workflow.jobs.build!.steps.map((s) => s.run);
    expect(build.indexOf("npm audit signatures")).toBe(build.indexOf("npm ci --no-audit --no-fund") + 1);
    const publish = workflow.jobs.publish!.steps;
    const attest = publish.find((s) => s.uses?.startsWith("actions/attest-build-provenance@"))!;
    expect(attest.id).toBe("attest");
    expect(attest.with).toEqual({ "subject-path": "${{ runner.temp }}/release/${{ needs.build.outputs.tarball }}" });
    const copy = publish.find((s) => s.run?.startsWith("cp "))!;
    expect(copy.env).toEqual({
      BUNDLE: "${{ steps.attest.outputs.bundle-path }}",
      ATTESTATION: "${{ needs.build.outputs.attestation }}",
      PROVENANCE: "${{ needs.build.outputs.provenance }}",
    });
    const release = publish.find((s) => s.run?.startsWith("gh release create"))!;
    expect(release.run).toContain(
      '"$RUNNER_TEMP/release/$TARBALL" "$RUNNER_TEMP/release/$ATTESTATION" "$RUNNER_TEMP/release/$PROVENANCE"',
    );
    expect(release.env!.ATTESTATION).toBe(copy.env!.ATTESTATION);
    expect(release.env!.PROVENANCE).toBe(copy.env!.PROVENANCE);
    expect(copy.if).toBe(release.if);
    for (const output of ["attestation", "provenance"])
      expect(workflow.jobs.build!.outputs![output]).toBe(`\${{ steps.plan.outputs.${output} }}`);
  });

  it("codeql.yml analyses TypeScript and the workflows from source, on pull requests, pushes to main and weekly", () => {
    const workflow = read("codeql.yml") as Workflow & {
      on: { pull_request: unknown; push: { branches: string[] }; schedule: Array<{ cron: string }> };
      jobs: { analyze: WorkflowJob & { strategy: { matrix: { language: string[] } } } };
    };
    expect(workflow.on).toHaveProperty("pull_request");
    expect(workflow.on.push).toEqual({ branches: ["main"] });
    expect(workflow.on.schedule.map((s) => s.cron)).toEqual([expect.stringMatching(/^\d+ \d+ \* \* [0-6]$/)]);
    expect(workflow.permissions).toEqual({});
    const job = workflow.jobs.analyze;
    expect(job.permissions).toEqual({ contents: "read", "security-events": "write" });
    expect(job.strategy.matrix.language).toEqual(["javascript-typescript", "actions"]);
    // It may write security-events, so it builds and runs nothing: no run step, no autobuild, build-mode none.
    expect(job.steps.filter((s) => s.run)).toEqual([]);
    expect(job.steps.map((s) => s.uses!.replace(/@.*/, ""))).toEqual([
      "actions/checkout",
      "github/codeql-action/init",
      "github/codeql-action/analyze",
    ]);
    expect(job.steps[1]!.with).toEqual({ languages: "${{ matrix.language }}", "build-mode": "none" });
    expect(job.steps[0]!.with).toEqual({ "persist-credentials": false });
    // init and analyze are the same release of the action.
    expect(job.steps[1]!.uses!.split("@")[1]).toBe(job.steps[2]!.uses!.split("@")[1]);
  });

  it("the privilege check counts a CodeQL build as project code (so codeql.yml's write job cannot start one)", () => {
    const doctored = () => read("codeql.yml");
    const autobuild = doctored();
    autobuild.jobs.analyze!.steps.splice(2, 0, { uses: "github/codeql-action/autobuild@" + "0".repeat(40) });
    expect(privilegeProblems(autobuild)).toEqual([
      `job analyze may write, and runs project code: github/codeql-action/autobuild@${"0".repeat(40)}`,
    ]);
    const manual = doctored();
    manual.jobs.analyze!.steps[1]!.with!["build-mode"] = "manual";
    manual.jobs.analyze!.steps.splice(2, 0, { run: "npm ci" });
    expect(privilegeProblems(manual)).toHaveLength(2);
    const unset = doctored();
    delete unset.jobs.analyze!.steps[1]!.with!["build-mode"];
    expect(privilegeProblems(unset)).toHaveLength(1);
  });

  it("scorecard.yml publishes its results weekly and on pushes to main, with read-all and two write scopes only", () => {
    const workflow = read("scorecard.yml") as Workflow & {
      on: Record<string, unknown> & { push: { branches: string[] }; schedule: Array<{ cron: string }> };
      env?: unknown;
    };
    expect(Object.keys(workflow.on).sort()).toEqual(["branch_protection_rule", "push", "schedule"]);
    expect(workflow.on.push).toEqual({ branches: ["main"] });
    expect(workflow.on.schedule.map((s) => s.cron)).toEqual([expect.stringMatching(/^\d+ \d+ \* \* [0-6]$/)]);
    // What publish_results demands of the workflow: read-all at the top, no top-level env, one job, no run steps.
    expect(workflow.permissions).toBe("read-all");
    expect(workflow.env).toBeUndefined();
    expect(Object.keys(workflow.jobs)).toEqual(["analysis"]);
    const job = workflow.jobs.analysis!;
    expect(job.permissions).toEqual({ "security-events": "write", "id-token": "write" });
    expect(job.steps.filter((s) => s.run)).toEqual([]);
    expect(job.steps.map((s) => s.uses!.replace(/@.*/, ""))).toEqual([
      "actions/checkout",
      "ossf/scorecard-action",
      "actions/upload-artifact",
      "github/codeql-action/upload-sarif",
    ]);
    expect(job.steps[0]!.with).toEqual({ "persist-credentials": false });
    expect(job.steps[1]!.with).toEqual({
      results_file: "results.sarif",
      results_format: "sarif",
      publish_results: true,
    });
    expect(job.steps[3]!.with).toEqual({ sarif_file: "results.sarif" });
  });

  it("each action is pinned to the same commit, with the same version comment, in every workflow", () => {
    const pins = new Map<string, Set<string>>();
    for (const file of workflowFiles)
      for (const [, action, sha, comment] of readFileSync(path.join(workflowsDir, file), "utf8").matchAll(
        /uses: ([\w.-]+\/[\w.-]+)(?:\/[\w./-]+)?@([0-9a-f]{40})( # v[\d.]+)?$/gm,
      )) {
        expect(comment, `${file}: ${action}@${sha} has its version in a comment`).toBeDefined();
        pins.set(action!, (pins.get(action!) ?? new Set()).add(`${sha}${comment}`));
      }
    expect(pins.size).toBeGreaterThan(5);
    for (const [action, versions] of pins) expect([...versions], action).toHaveLength(1);
  });
});
