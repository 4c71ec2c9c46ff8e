import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "./helpers/project-copy.js";
import { runNode } from "./helpers/run-node.js";

const workflowsDir = path.join(projectRoot, ".github", "workflows");
const workflowFiles = readdirSync(workflowsDir).filter((f) => f.endsWith(".yml"));

/** The `action-validator` bin of @action-validator/cli, run with this Node like any script. */
const validatorDir = path.join(projectRoot, "node_modules", "@action-validator", "cli");
const validatorBin = (
  JSON.parse(readFileSync(path.join(validatorDir, "package.json"), "utf8")) as { bin: Record<string, string> }
).bin["action-validator"]!;
const validator = path.join(validatorDir, validatorBin);

interface Workflow {
  permissions?: unknown;
  jobs: Record<string, { permissions?: unknown; steps: Array<{ uses?: string; run?: string }> }>;
}
const read = (file: string) => parse(readFileSync(path.join(workflowsDir, file), "utf8")) as Workflow;

describe("the GitHub workflows", () => {
  it.each(workflowFiles)("%s passes GitHub's workflow schema (action-validator)", async (file) => {
    const result = await runNode(projectRoot, [validator, path.join(".github", "workflows", file)]);
    expect(result.stdout + result.stderr).toBe("");
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
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    // Never the repository's default token permissions: the workflow sets its own, and a job may widen them.
    expect(workflow.permissions).toBeDefined();
  });

  it("every step that runs a command runs an npm script or .ci/run: the logic stays where tests reach it", () => {
    const runs = workflowFiles.flatMap((file) =>
      Object.values(read(file).jobs).flatMap((job) => job.steps.flatMap((s) => (s.run ? [s.run] : []))),
    );
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run).toMatch(/^(npm ci --no-audit --no-fund|npm run [\w:]+ -- |\.ci\/run$)/);
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

  it("spec-update.yml runs daily and on demand, and only its job may write", () => {
    const workflow = parse(readFileSync(path.join(workflowsDir, "spec-update.yml"), "utf8")) as Workflow & {
      on: { schedule: Array<{ cron: string }>; workflow_dispatch: unknown };
    };
    expect(workflow.on.schedule).toHaveLength(1);
    expect(workflow.on.schedule[0]!.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.update!.permissions).toEqual({ contents: "write", "pull-requests": "write" });
  });
});
