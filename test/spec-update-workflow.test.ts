import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startLocalServer, type LocalServer } from "./helpers/local-server.js";
import { copyProject, projectRoot, type ProjectCopy } from "./helpers/project-copy.js";
import { runProgram } from "./helpers/run-node.js";

/**
 * .github/workflows/spec-update.yml, run as GitHub would run it: its own `run:` lines, taken from the file and
 * started with `bash -e` in a copy of the project, against specs served by a local node:http server. The days
 * follow each other in one copy, as they do on the repository: additions, then the same spec again, then a
 * change at level warning only, then a breaking change, then one that breaks our own code (the compile gate).
 */

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const workflow = parse(readFileSync(path.join(projectRoot, ".github/workflows/spec-update.yml"), "utf8")) as {
  jobs: { update: { steps: Step[] } };
};
const steps = workflow.jobs.update.steps;
const updateStep = steps.find((s) => s.id === "update")!;
const pullRequestStep = steps.find((s) => s.uses?.startsWith("peter-evans/create-pull-request@"))!;

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

  /** One scheduled run: the step's `run:` as written, with what GitHub puts in its environment. */
  async function runWorkflow(spec: Spec): Promise<Day> {
    served = JSON.stringify(spec);
    const runnerTemp = path.join(temp, `day-${++day}`);
    const outputFile = path.join(temp, `output-${day}`);
    writeFileSync(outputFile, "");
    mkdirSync(runnerTemp);
    const result = await runProgram("bash", ["-e", "-c", updateStep.run!], project.dir, {
      URL: `${server.url}/api-docs/openapi.json`,
      RUNNER_TEMP: runnerTemp,
      GITHUB_OUTPUT: outputFile,
    });
    const outputs = Object.fromEntries(
      readFileSync(outputFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    const bodyPath = pullRequestStep.with!["body-path"]!.replace("${{ runner.temp }}", runnerTemp);
    let body: string | undefined;
    try {
      body = readFileSync(bodyPath, "utf8");
    } catch {
      body = undefined;
    }
    const condition = /^steps\.update\.outputs\.(\w+) == 'true'$/.exec(pullRequestStep.if ?? "");
    expect(condition, "the pull-request step runs on one output of the update step").not.toBeNull();
    return { ...result, outputs, body, opensPullRequest: outputs[condition![1]!] === "true" };
  }

  const version = (file: string) => (JSON.parse(project.read(file)) as { version: string }).version;
  const changelogEntries = () =>
    project
      .read("CHANGELOG.md")
      .split(/^(?=## )/m)
      .slice(1);

  it("reads the URL from a repository variable, Trieve's published spec by default", () => {
    expect(updateStep.env?.URL).toBe("${{ vars.TRIEVE_SPEC_URL || 'https://api.trieve.ai/api-docs/openapi.json' }}");
    expect(steps.map((s) => s.run?.split(" ").slice(0, 2).join(" ")).filter(Boolean)).toEqual(["npm ci", "npm run"]);
    // Every output the pull-request step reads is one that spec:update writes (checked on each day below).
    expect(JSON.stringify(pullRequestStep.with)).toMatch(/steps\.update\.outputs\.title/);
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
    for (const used of JSON.stringify(pullRequestStep.with).matchAll(/steps\.update\.outputs\.(\w+)/g))
      expect(run.outputs).toHaveProperty(used[1]!);
    expect(run.body).toMatch(
      /^> ⚠️ \*\*Silent change\*\*: 1 operation changed, but `info\.version` is still 0\.13\.0\.\n/,
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
    expect(entry).toContain("Trieve spec 0.13.0 → 0.13.0: additions only, patch bump (0.4.2 → 0.4.3)");
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
        "  - ! response 400 removed (was at `#/paths/~1api~1health/get/responses/400`) [warning] `response-non-success-status-removed`\n",
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
    // Its change, under the level it has, with the rule id, as the text report shows it.
    expect(run.body).toContain(
      "### Breaking (1 change)\n\n- `GET /api/health` (`health_check`)\n" +
        "  - ✖ operation removed (was at `#/paths/~1api~1health/get`) [breaking] `api-path-removed-without-deprecation`\n",
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
    expect(run.stdout).toMatch(/^⚠ \d+ compile errors? \(listed above\) in our code: fix them/m);
    expect(run.opensPullRequest).toBe(true);
    expect(run.outputs).toMatchObject({ verdict: "breaking", bump: "minor", version: "0.6.0", labels: "breaking" });
    const errors = /### Does not compile against the new types \((\d+)\)\n[\s\S]*?```\n([\s\S]*?)```/.exec(
      run.body ?? "",
    );
    expect(errors).not.toBeNull();
    const lines = errors![2]!.trim().split("\n");
    expect(lines).toHaveLength(Number(errors![1]));
    for (const line of lines) expect(line).toMatch(/^(src|examples|test)\/[\w./-]+:\d+:\d+ TS\d{4,} \S/);
    expect(lines.some((l) => l.startsWith("src/"))).toBe(true);
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
