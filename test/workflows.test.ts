import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "./helpers/project-copy.js";
import { runNode } from "./helpers/run-node.js";
import {
  canWrite,
  privilegeProblems,
  publishesTarball,
  unpinnedActions,
  type Workflow,
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

describe("the GitHub workflows", () => {
  it.each(workflowFiles)("%s passes GitHub's workflow schema (action-validator)", async (file) => {
    const result = await runNode(projectRoot, [validator, path.join(".github", "workflows", file)]);
    expect(withoutGlobNotice(result.stdout + result.stderr)).toBe("");
    expect(result.code).toBe(0);
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
        /^(npm ci (--ignore-scripts )?--no-audit --no-fund|npm run [\w:]+ -- |\.ci\/run$|git (diff|apply) |if \[ "\$\(gh pr view |npm pack --pack-destination |gh release create |npm publish )/,
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
    expect(workflow.jobs.publish!.permissions).toEqual({ contents: "write", "id-token": "write" });
    expect(workflow.jobs.publish!.needs).toBe("build");
    const writers = Object.entries(workflow.jobs).filter(([, job]) => canWrite(workflow, job));
    expect(writers.map(([name]) => name)).toEqual(["publish"]);
    const publish = workflow.jobs.publish!;
    for (const run of publish.steps.flatMap((s) => (s.run ? [s.run] : [])))
      expect(publishesTarball(run) || /^(gh|git) /.test(run), run).toBe(true);
    // No checkout (nothing of the repository to run), no cache (a restored cache is someone else's files).
    for (const step of publish.steps.filter((s) => s.uses)) {
      expect(step.uses).toMatch(/^actions\/(download-artifact|setup-node)@/);
      expect(step.with ?? {}).not.toHaveProperty("cache");
    }
    // Provenance is asked for where npm reads it (the step's environment), and no npm token is handed over.
    const publishStep = publish.steps.find((s) => publishesTarball(s.run ?? "")) as WorkflowStep;
    expect(publishStep.env?.NPM_CONFIG_PROVENANCE).toBe("true");
    expect(JSON.stringify(workflow)).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
  });
});
