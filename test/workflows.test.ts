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

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  /** a map of scopes, or `read-all` / `write-all` */
  permissions?: Record<string, string> | string;
  steps: Step[];
}
interface Workflow {
  permissions?: unknown;
  jobs: Record<string, Job>;
}
const read = (file: string) => parse(readFileSync(path.join(workflowsDir, file), "utf8")) as Workflow;
/** Every job with the permissions it runs with: its own, or else the workflow's. */
const allJobs = () =>
  workflowFiles.flatMap((file) => {
    const workflow = read(file);
    return Object.entries(workflow.jobs).map(([name, job]) => ({
      id: `${file}:${name}`,
      job: { ...job, permissions: job.permissions ?? (workflow.permissions as Job["permissions"]) },
    }));
  });
const writes = (job: Job) =>
  typeof job.permissions === "string"
    ? job.permissions !== "read-all"
    : Object.values(job.permissions ?? {}).includes("write");

/**
 * spec-update.yml's job runs `npm ci` and `spec:update` while holding `contents: write` and `pull-requests: write`
 * (its create-pull-request step pushes and opens the pull request with the job's token): the one job allowed to
 * run project code with a write permission, named here so that no other job joins it unseen.
 */
const writersThatRunCode = ["spec-update.yml:update"];
const publishingJobs = () => allJobs().filter(({ id, job }) => writes(job) && !writersThatRunCode.includes(id));

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
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    // Never the repository's default token permissions: the workflow sets its own, and a job may widen them.
    expect(workflow.permissions).toBeDefined();
  });

  it("every step that runs a command runs an npm script or .ci/run: the logic stays where tests reach it", () => {
    const publishing = publishingJobs().map(({ id }) => id);
    const runs = allJobs()
      .filter(({ id }) => !publishing.includes(id))
      .flatMap(({ job }) => job.steps.flatMap((s) => (s.run ? [s.run] : [])));
    expect(runs.length).toBeGreaterThan(0);
    // `npm pack` is npm's own command: it builds (prepack) and writes the tarball that release.yml publishes.
    for (const run of runs)
      expect(run).toMatch(/^(npm ci --no-audit --no-fund|npm run [\w:]+ -- |npm pack --pack-destination |\.ci\/run$)/);
  });

  it("a job with a write permission or an OIDC token runs no project code: only gh, git and npm publish of a tarball", () => {
    const jobs = publishingJobs();
    expect(jobs.map(({ id }) => id)).toEqual(["release.yml:publish"]);
    for (const { id, job } of jobs) {
      const runs = job.steps.flatMap((s) => (s.run ? [s.run] : []));
      expect(runs.length, id).toBeGreaterThan(0);
      for (const run of runs) {
        expect(run, id).toMatch(/^(gh |git |npm publish "\$RUNNER_TEMP\/release\/\$TARBALL" --ignore-scripts$)/);
        expect(run, id).not.toMatch(
          /\b(npm (ci|install|i|exec|run|test|pack)|npx|node|yarn|pnpm|bun|tsx)\b|\.ci\/run|\.\//,
        );
      }
      // No checkout (nothing of the repository to run), no cache (a restored cache is someone else's files).
      for (const step of job.steps.filter((s) => s.uses)) {
        expect(step.uses, id).toMatch(/^actions\/(download-artifact|setup-node)@/);
        expect(step.with ?? {}, id).not.toHaveProperty("cache");
      }
    }
  });

  it("a job that runs project code holds no write permission (spec-update.yml's job is the one named exception)", () => {
    const runsCode = (job: Job) =>
      job.steps.some((s) => /^(npm (ci|install|run|pack|test)\b|\.ci\/run|npx |node )/.test(s.run ?? ""));
    const writers = allJobs()
      .filter(({ job }) => runsCode(job) && writes(job))
      .map(({ id }) => id);
    expect(writers).toEqual(writersThatRunCode);
  });

  it("release.yml runs on a push to main that changes package.json; only its publish job may write", () => {
    const workflow = read("release.yml") as Workflow & { on: { push: { branches: string[]; paths: string[] } } };
    expect(workflow.on.push).toEqual({ branches: ["main"], paths: ["package.json"] });
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.build!.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.publish!.permissions).toEqual({ contents: "write", "id-token": "write" });
    expect((workflow.jobs.publish as Job & { needs: string }).needs).toBe("build");
    // Provenance is asked for where npm reads it (the step's environment), and no npm token is handed over.
    const publish = workflow.jobs.publish!.steps.find((s) => s.run?.startsWith("npm publish")) as Step & {
      env: Record<string, string>;
    };
    expect(publish.env.NPM_CONFIG_PROVENANCE).toBe("true");
    expect(JSON.stringify(workflow)).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
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
