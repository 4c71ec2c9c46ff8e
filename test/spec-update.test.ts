import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { replaceFiles } from "../scripts/shared/replace-files.js";
import { startLocalServer } from "./helpers/local-server.js";
import { copyProject, projectRoot, type ProjectCopy } from "./helpers/project-copy.js";
import { runNode } from "./helpers/run-node.js";
import { sharedSpec } from "./helpers/shared-specs.js";

const spec = "spec/trieve.yaml";
const output = "generated/trieve.ts";
const badInput = (name: string) => path.join(projectRoot, "test", "fixtures", "spec-update", name);
const diffFixture = (name: string) => path.join(projectRoot, "test", "fixtures", "spec-diff", name);

const specUpdate = (project: ProjectCopy, ...args: string[]) =>
  runNode(project.dir, ["scripts/launch.mjs", "spec-update.ts", ...args]);
const generateCheck = (project: ProjectCopy) => runNode(project.dir, ["scripts/launch.mjs", "generate.ts", "--check"]);

/** The wrapper's own tests, in the copy: what `npm test` runs of them, against the regenerated types. */
const clientTestFiles = ["test/client.test-d.ts", "test/client-options.test.ts", "test/delete-user-api-key.test.ts"];

/**
 * Typechecks src/ and the client's tests (type tests included) against the copy's generated/ with
 * the project's tsconfig (strict), and runs the client's behaviour tests there. A narrower program
 * than `vitest --typecheck`, which checks all of scripts/ and test/ too: about half the time.
 */
async function clientTests(project: ProjectCopy) {
  writeFileSync(
    project.file("tsconfig.client-check.json"),
    JSON.stringify({ extends: "./tsconfig.json", include: ["src", "generated", ...clientTestFiles] }),
  );
  const [types, behaviour] = await Promise.all([
    // TypeScript 7's tsc, as `npm run typecheck` runs it (test/typescript-7.test.ts: the same errors as 5.9's), with
    // one checker thread: the same errors, for a quarter less CPU on a busy two-core machine.
    runNode(project.dir, ["node_modules/tsc7/tsc7.mjs", "-p", "tsconfig.client-check.json", "--checkers", "1"]),
    runNode(project.dir, ["node_modules/vitest/vitest.mjs", "run", ...clientTestFiles.slice(1)]),
  ]);
  expect(types.stdout + types.stderr).toBe("");
  expect(types.code).toBe(0);
  expect(behaviour.stdout).toMatch(/Tests +\d+ passed \(\d+\)/);
  expect(behaviour.code).toBe(0);
}

/**
 * A copy of the project whose spec/trieve.yaml is the seed, whatever the project's own spec is now: these
 * tests must also pass in a tree that spec:update has moved to another spec. (generated/ may then be stale
 * in the copy; every test here either checks that it is left alone, or has spec:update rewrite it.)
 */
function seededCopy(extra: string[]): ProjectCopy {
  const project = copyProject(extra);
  const seed = readFileSync(path.join(projectRoot, "test", "fixtures", "seed", "trieve.yaml"), "utf8");
  writeFileSync(project.file(spec), seed.replace(/^(#.*\n)+/, ""));
  return project;
}

const snapshot = (project: ProjectCopy) => [readFileSync(project.file(spec)), readFileSync(project.file(output))];

function expectUntouched(project: ProjectCopy, before: Buffer[]): void {
  const [specNow, outputNow] = snapshot(project);
  expect(specNow!.equals(before[0]!), `${spec} changed`).toBe(true);
  expect(outputNow!.equals(before[1]!), `${output} changed`).toBe(true);
}

describe.concurrent(
  "spec:update: bad input exits 1 with a short message, and leaves spec/ and generated/ untouched",
  () => {
    let project: ProjectCopy;
    let before: Buffer[];
    let packageJson: string;
    beforeAll(async () => {
      project = seededCopy(["src"]);
      before = snapshot(project);
      packageJson = project.read("package.json");
      // launch.mjs compiles scripts/ and src/ into the copy's .cache/ on its first run: here, once, rather than in
      // each of the cases below, which all start at once and would each compile it (esbuild, ~0.4 s of CPU each).
      // `generate --check` answers from the hashes (0 or 1) and writes nothing; launch.mjs's own failures exit 2.
      const warm = await runNode(project.dir, ["scripts/launch.mjs", "generate.ts", "--check"]);
      expect([0, 1], warm.stderr).toContain(warm.code);
    }, 60_000);
    afterAll(() => project.remove());

    let runs = 0;
    /** Rejected with the workflow's options too: no report, no outputs, no bump, no CHANGELOG.md, nothing. */
    async function expectRejected(args: string[], message: RegExp): Promise<void> {
      const markdown = `body-${++runs}.md`;
      const outputs = `outputs-${runs}.txt`;
      const workflowOptions = ["--allow-breaking", "--bump", "--markdown", markdown, "--github-output", outputs];
      const result = await specUpdate(project, ...args, ...(args.length > 0 ? workflowOptions : []));
      expect(result.stderr).toMatch(message);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("spec/ and generated/ were left unchanged.");
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(
        result.stderr
          .trim()
          .split("\n")
          .filter((l) => l.startsWith("✖")),
      ).toHaveLength(1);
      expectUntouched(project, before);
      expect(readdirSync(project.dir).filter((f) => [markdown, outputs, "CHANGELOG.md"].includes(f))).toEqual([]);
      expect(project.read("package.json")).toBe(packageJson);
    }

    it.each([
      [
        "a missing file",
        "nothing-here.yaml",
        /nothing-here\.yaml: file not found: pass the path of an OpenAPI JSON or YAML file/,
      ],
      ["an empty file", "empty.yaml", /empty\.yaml: the file is empty: it should hold an OpenAPI 3\.x document/],
      [
        "invalid JSON",
        "invalid.json",
        /invalid\.json:5:62: \[parser\] not valid JSON: Expected double-quoted property name/,
      ],
      ["invalid YAML", "invalid.yaml", /invalid\.yaml:5:\d+: \[parser\] not valid YAML or JSON/],
      [
        "git conflict markers",
        "conflict.yaml",
        /conflict\.yaml:14:1: git conflict marker "<<<<<<<": resolve the merge conflict/,
      ],
      [
        "Swagger 2.0",
        "swagger-2.yaml",
        /swagger-2\.yaml: \[parser\] not an OpenAPI 3\.x document: found Swagger 2\.0; convert it/,
      ],
      [
        "JSON that is no OpenAPI",
        "not-openapi.json",
        /not an OpenAPI 3\.x document: found a document without an `openapi` field/,
      ],
      [
        "an error of the lint gate",
        "lint-error.yaml",
        /lint-error\.yaml:\d+:\d+: \[operation-operationId\] Operation object should contain `operationId` field/,
      ],
      [
        "a $ref to another file",
        "external-ref.yaml",
        /\$ref "\.\/error-response-body\.yaml" points outside the document: bundle it into one file first/,
      ],
    ])("%s", (_what, file, message) => expectRejected([badInput(file)], message));

    it("a relative path is read from where npm was run (INIT_CWD)", async () => {
      const result = await runNode(project.dir, ["scripts/launch.mjs", "spec-update.ts", "empty.yaml"], {
        INIT_CWD: badInput(""),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^✖ empty\.yaml: the file is empty/m);
    });

    it("an unreachable URL", async () => {
      const server = await startLocalServer((_req, res) => res.end());
      await server.close(); // nothing listens on that port any more
      await expectRejected(
        [`${server.url}/openapi.json`],
        /127\.0\.0\.1:\d+\/openapi\.json: cannot fetch the spec \(ECONNREFUSED\): check the URL and that the server is reachable/,
      );
    });

    it("a URL that answers 404", async () => {
      const server = await startLocalServer((_req, res) =>
        res.writeHead(404, { "content-type": "text/plain" }).end("no"),
      );
      try {
        await expectRejected(
          [`${server.url}/openapi.json`],
          /openapi\.json: the server answered HTTP 404 Not Found: check the URL/,
        );
        expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /openapi.json"]);
      } finally {
        await server.close();
      }
    });

    it("a URL that answers 200 with an HTML page (a proxy's error page, a login page)", async () => {
      const server = await startLocalServer((_req, res) =>
        res
          .writeHead(200, { "content-type": "text/html; charset=utf-8" })
          .end("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>"),
      );
      try {
        await expectRejected(
          [`${server.url}/openapi.json`],
          /openapi\.json: the server answered with an HTML page \(text\/html\), not an OpenAPI document: check the URL/,
        );
      } finally {
        await server.close();
      }
    });

    it("an HTML page saved as the spec", () =>
      expectRejected(
        [badInput("html-page.json")],
        /html-page\.json: an HTML page, not an OpenAPI document: save the spec's JSON or YAML, not a page that shows it/,
      ));

    it.each([
      ["no source", [], /no source given: usage: npm run spec:update -- <file\.json\|file\.yaml\|http\(s\):\/\/url>/],
      ["an unknown option", ["--force", "x.yaml"], /unknown option --force: usage:/],
      ["--markdown without a file", ["x.yaml", "--markdown"], /--markdown needs a file: usage:/],
      [
        "an unsupported scheme",
        ["ftp://example.com/openapi.json"],
        /unsupported URL scheme: use an http\(s\) URL or a file path/,
      ],
    ])("%s", (_what, args, message) => expectRejected(args, message));
  },
);

describe.concurrent("spec:update: a good spec", () => {
  it("breaking changes: exit 2, the report, nothing written; with --allow-breaking both files are replaced", async () => {
    const project = seededCopy(["src"]);
    try {
      const before = snapshot(project);
      const refused = await specUpdate(project, diffFixture("base.yaml"));
      expect(refused.code).toBe(2);
      // Counts first, then the operations src/ calls, then the rest grouped.
      const lines = refused.stdout.split("\n").filter((l) => !/^ {0,12}\S+ +\d+ ms|^ +warn /.test(l) && l !== "");
      expect(lines[0]).toMatch(/^spec\/trieve\.yaml \(0\.13\.0\) → .*base\.yaml \(1\.0\.0\)$/);
      expect(lines[1]).toBe("operations: 3 added, 0 removed, 1 changed");
      expect(lines[2]).toMatch(/^changes: {4}(\d+) breaking, 3 non-breaking$/);
      expect(lines[3]).toBe("Called by src/ (1):");
      expect(lines[4]).toBe(
        "  ✖ DELETE /api/user/api_key/{api_key_id} (delete_user_api_key) by deleteUserApiKey(): changed, BREAKING for the wrapper",
      );
      expect(refused.stdout).toContain(
        "✖ response 400: media type application/json removed  was at #/paths/~1api~1user~1api_key~1{api_key_id}/delete/responses/400/content/application~1json",
      );
      expect(refused.stdout).toMatch(/^Added \(3\):\n {2}\+ POST \/items \(create_item\)$/m);
      expect(refused.stderr).toMatch(
        /✖ \d+ breaking changes? \(listed above\): nothing was written\. .*--allow-breaking/,
      );
      expectUntouched(project, before);

      const accepted = await specUpdate(project, diffFixture("base.yaml"), "--allow-breaking");
      expect(accepted.stderr).toBe("");
      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toMatch(
        /^wrote {2}spec\/trieve\.yaml, generated\/trieve\.ts, generated\/scoped-headers\.ts, CHANGELOG\.md$/m,
      );
      // A YAML source is kept byte for byte; generated/ is what `npm run generate` makes of it.
      expect(project.read(spec)).toBe(readFileSync(diffFixture("base.yaml"), "utf8"));
      expect(project.read(output)).toContain('"/items/{id}/archive": {');
      expect((await generateCheck(project)).code).toBe(0);
      expect(readdirSync(project.file("spec"))).toEqual(["trieve.yaml"]); // no temp file left behind
      expect(readdirSync(project.file("generated")).sort()).toEqual(["scoped-headers.ts", "trieve.ts"]);

      // The same spec again: nothing to write, nothing touched.
      const mtimes = [spec, output].map((f) => statSync(project.file(f)).mtimeMs);
      const again = await specUpdate(project, diffFixture("base.yaml"));
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("operations: 0 added, 0 removed, 0 changed");
      expect(again.stdout).toMatch(/^unchanged {2}spec\/trieve\.yaml, generated\/trieve\.ts$/m);
      expect([spec, output].map((f) => statSync(project.file(f)).mtimeMs)).toEqual(mtimes);
    } finally {
      project.remove();
    }
  }, 300_000);

  it("--json prints the report as JSON on stdout, progress on stderr", async () => {
    const project = seededCopy(["src"]);
    try {
      const result = await specUpdate(project, diffFixture("base.yaml"), "--json");
      expect(result.code).toBe(2);
      const report = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(report).toMatchObject({
        result: "refused",
        from: { file: "spec/trieve.yaml", version: "0.13.0" },
        to: { version: "1.0.0" },
        counts: { added: 3, removed: 0, changed: 1, renamed: 0, nonBreakingChanges: 3 },
        calledBySrc: [{ method: "delete", path: "/api/user/api_key/{api_key_id}", status: "changed", breaking: true }],
      });
      expect(result.stderr).toMatch(/^lint +\d+ ms/m);
      // The compiler's word on the operation that existed before: its caller, compiled against the new types.
      const operations = report.operations as Array<Record<string, unknown>>;
      const changed = operations.find((o) => o.path === "/api/user/api_key/{api_key_id}")!;
      expect(changed).toMatchObject({ compiler: "breaks", breaksForms: ["inline", "annotated"] });
      expect((changed.compilerErrors as string[])[0]).toMatch(
        /^\.corpus\/ops\/delete-api-user-api-key-api-key-id\.ts:\d+:\d+ TS\d+ /,
      );
      for (const added of operations.filter((o) => o.status === "added")) expect(added).not.toHaveProperty("compiler");
      expect(report).toMatchObject({ verdict: "breaking", compilerBreaks: 1, compilerCompiles: 0, disagreements: [] });
      const timings = report.timings as Record<string, number>;
      // compile and corpus run side by side: either may finish first.
      expect(Object.keys(timings).sort()).toEqual(["compile", "corpus", "diff", "generate", "lint", "read"]);
      for (const ms of Object.values(timings)) expect(ms).toBeGreaterThanOrEqual(0);
    } finally {
      project.remove();
    }
  }, 180_000);

  it("seed → Trieve 0.12.1 from a URL: nothing breaking; then 0.12.1 → 0.13.0 is refused with the 3 removed operations", async ({
    expect, // the test's own: a file snapshot needs it in a concurrent suite
  }) => {
    const json = readFileSync(sharedSpec("0.12.1"));
    const server = await startLocalServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(json),
    );
    const project = seededCopy(["src", "test", "vitest.config.ts"]);
    try {
      const result = await specUpdate(project, `${server.url}/openapi.json`);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /openapi.json"]);
      expect(result.stdout).toContain("operations: 99 added, 0 removed, 0 changed");
      expect(result.stdout).toContain("changes:    0 breaking, 99 non-breaking");
      expect(result.stdout).toContain(
        "  = DELETE /api/user/api_key/{api_key_id} (delete_user_api_key) by deleteUserApiKey(): unchanged",
      );
      // Warnings are summarised by rule, never listed one by one.
      expect(result.stdout).toMatch(/^ +warn nullable-type-sibling x191$/m);
      expect(parse(project.read(spec))).toEqual(JSON.parse(json.toString()));
      const [check] = await Promise.all([generateCheck(project), clientTests(project)]);
      expect(check.code).toBe(0);

      const before = snapshot(project);
      const refused = await specUpdate(project, sharedSpec("0.13.0"), "--markdown", "body.md");
      expect(refused.code).toBe(2);
      // docs/examples/ holds this body as the scheduled workflow would post it: the source named by the
      // workflow's default URL rather than this machine's path. `vitest -u` rewrites it after a change.
      await expect(
        project.read("body.md").replaceAll(sharedSpec("0.13.0"), "https://api.trieve.ai/api-docs/openapi.json"),
      ).toMatchFileSnapshot("../docs/examples/spec-update-pr-body.md");
      expect(refused.stdout).toContain("operations: 36 added, 3 removed, 48 changed (3 operationIds renamed)");
      expect(refused.stdout).toMatch(
        /^Removed \(3\):\n {2}✖ GET \/api\/dataset\/crawl_options\/\{dataset_id\} \(get_dataset_crawl_options\)\n {2}✖ GET \/api\/organization\/usage\/\{organization_id\} \(get_organization_usage\)\n {2}✖ POST \/api\/user\/api_key \(create_user_api_key\)$/m,
      );
      expect(refused.stdout).toContain("  ✖ GET /api/auth/callback: callback → oidc_callback");
      expectUntouched(project, before);
    } finally {
      await server.close();
      project.remove();
    }
  }, 420_000);

  it("seed → Trieve 0.13.0 from a file: recursive FilterValue compiles, --check passes, the client's tests pass", async () => {
    const project = seededCopy(["src", "test", "vitest.config.ts"]);
    try {
      const result = await specUpdate(project, sharedSpec("0.13.0"), "--json");
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({
        result: "written",
        counts: { added: 132, removed: 0, changed: 0, breakingChanges: 0 },
      });
      expect(result.stderr).toMatch(/^typecheck +\d+ ms/m);
      expect(project.read(output)).toContain("export type FilterValue = string | number | boolean | FilterValue[];");
      // The client's table, written with the types: search declares TR-Dataset, the delete neither header.
      expect(project.read("generated/scoped-headers.ts")).toContain('"POST /api/chunk/search"');
      expect(project.read("generated/scoped-headers.ts")).not.toContain("/api/user/api_key/{api_key_id}");
      expect(parse(project.read(spec))).toEqual(JSON.parse(readFileSync(sharedSpec("0.13.0"), "utf8")));
      const [check] = await Promise.all([generateCheck(project), clientTests(project)]);
      expect(check.code).toBe(0);
    } finally {
      project.remove();
    }
  }, 420_000);
});

/** The seed as a document, to derive the specs of the compile-gate tests from. */
const seedDoc = () =>
  parse(readFileSync(path.join(projectRoot, "test", "fixtures", "seed", "trieve.yaml"), "utf8")) as {
    // eslint-free `any`: the tests edit the document freely
    paths: Record<string, any>;
    components: { schemas: Record<string, any> };
  };

describe.concurrent("spec:update: the compile gate (src/, examples/, type tests against the new types)", () => {
  it("api_key_id becomes an integer: exit 2, each error as file:line:col TSnnnn, nothing written", async () => {
    const project = seededCopy(["src", "examples", "test"]);
    try {
      const spec = seedDoc();
      spec.paths["/api/user/api_key/{api_key_id}"].delete.parameters[0].schema = { type: "integer", format: "int64" };
      writeFileSync(project.file("integer-id.json"), JSON.stringify(spec));
      const before = snapshot(project);
      const result = await specUpdate(project, "integer-id.json", "--bump", "--markdown", "body.md");
      expect(result.code).toBe(2);
      const section =
        /^Does not compile against the new types \((\d+)\), BREAKING for the wrapper:\n((?: {2}✖ .*\n?)+)/m.exec(
          result.stdout,
        );
      expect(section, result.stdout).not.toBeNull();
      const errors = section![2]!.trimEnd().split("\n");
      expect(errors).toHaveLength(Number(section![1]));
      // src/ and examples/ only: what breaks the wrapper
      for (const line of errors) expect(line).toMatch(/^ {2}✖ (src|examples)\/[\w./-]+\.ts:\d+:\d+ TS\d{4,} \S/);
      expect(errors.some((line) => line.startsWith("  ✖ src/"))).toBe(true);
      // the type tests that pin the id's type, under their own heading
      const typeTests = /^Type tests to update \((\d+)\)[^\n]*:\n((?: {2}! .*\n?)+)/m.exec(result.stdout);
      expect(typeTests, result.stdout).not.toBeNull();
      for (const line of typeTests![2]!.trimEnd().split("\n"))
        expect(line).toMatch(/^ {2}! test\/[\w/-]+\.test-d\.ts:\d+:\d+ TS\d{4,} \S/);
      expect(result.stdout).not.toContain("Already failing");
      expect(result.stdout).toMatch(/^verdict: {4}breaking; bump: /m);
      expect(result.stderr).toMatch(
        /^✖ 1 breaking change and \d+ compile errors? in our code against the new types \(listed above\): nothing was written\./m,
      );
      expectUntouched(project, before);
      expect(readdirSync(project.dir)).not.toContain("CHANGELOG.md");
      expect(project.read("package.json")).toBe(readFileSync(path.join(projectRoot, "package.json"), "utf8"));
      // The report is written all the same: it is what a person reads to decide.
      expect(project.read("body.md")).toContain("### Does not compile against the new types");
    } finally {
      project.remove();
    }
  }, 300_000);

  it("an optional property added to the 400 body: the type tests that pin it are to update, the update is not breaking", async () => {
    const project = seededCopy(["src", "examples", "test"]);
    try {
      // The differ calls it harmless (a new optional property in an error body); the type tests pin the 400 body's
      // type to exactly `{ message: string }`, so they fail, but src/ and examples/ compile: nothing of the
      // public surface breaks, so the update is written without --allow-breaking.
      const spec = seedDoc();
      spec.components.schemas.ErrorResponseBody.properties.code = { type: "integer" };
      writeFileSync(project.file("new-field.json"), JSON.stringify(spec));
      const pkg = JSON.parse(project.read("package.json")) as { version: string };
      writeFileSync(project.file("package.json"), JSON.stringify({ ...pkg, version: "1.2.3" }, null, 2) + "\n");
      const result = await specUpdate(project, "new-field.json", "--json", "--markdown", "body.md");
      expect(result.stderr).toMatch(/type-test errors? \(listed above\) to update/);
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as {
        counts: { breakingChanges: number; nonBreakingChanges: number };
        compileErrors: string[];
        typeTestErrors: string[];
        existingErrors: string[];
      };
      expect(report).toMatchObject({
        result: "written",
        verdict: "additions only",
        bump: "minor",
        version: { from: "1.2.3", to: "1.3.0" },
        counts: { breakingChanges: 0 },
        compileErrors: [],
        existingErrors: [],
      });
      expect(report.typeTestErrors.length).toBeGreaterThan(0);
      for (const error of report.typeTestErrors)
        expect(error).toMatch(/^test\/[\w/-]+\.test-d\.ts:\d+:\d+ TS\d{4,} \S/);
      expect(project.read("body.md")).toMatch(/^\*\*Additions only, nothing breaking\*\*/m);
      expect(project.read("body.md")).toContain("### Type tests to update (");
      expect(project.read("body.md")).not.toContain("### Does not compile");
    } finally {
      project.remove();
    }
  }, 300_000);

  it("errors the project already had against the committed types: shown as existing, not counted", async () => {
    const project = seededCopy(["src", "examples", "test"]);
    try {
      // An example that does not compile today, whatever the spec: not the update's doing.
      writeFileSync(
        project.file("examples/already-broken.ts"),
        'import type { paths } from "../generated/trieve.js";\n' +
          'export const id: paths["/api/user/api_key/{api_key_id}"]["delete"]["parameters"]["path"]["api_key_id"] = 1;\n',
      );
      const spec = seedDoc();
      spec.components.schemas.ErrorResponseBody.description = "a new description: the types change, nothing breaks";
      writeFileSync(project.file("described.json"), JSON.stringify(spec));
      const result = await specUpdate(project, "described.json", "--json", "--markdown", "body.md");
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as {
        verdict: string;
        compileErrors: string[];
        existingErrors: string[];
      };
      expect(report.compileErrors).toEqual([]);
      expect(report.existingErrors).toEqual([
        expect.stringMatching(
          /^examples\/already-broken\.ts:2:\d+ TS2322 Type 'number' is not assignable to type 'string'\.$/,
        ),
      ]);
      expect(report.verdict).not.toBe("breaking");
      expect(project.read("body.md")).toMatch(
        /### Already failing before this update \(1\)\n[\s\S]*examples\/already-broken\.ts:2:/,
      );
      expect(result.stderr).toMatch(
        /^compile .* 0 errors in src\/, examples\/; 0 in type tests to update; 1 existing$/m,
      );
    } finally {
      project.remove();
    }
  }, 300_000);

  it("a spec without the operation src/ calls: breaking (exit 2), opened by the operation and its caller; written with --allow-breaking", async () => {
    const project = seededCopy(["src", "examples", "test"]);
    try {
      const before = snapshot(project);
      const fixture = badInput("without-called-operation.yaml");
      const refused = await specUpdate(project, fixture);
      expect(refused.code).toBe(2);
      // The report's first line, after the steps' timings.
      const reportLines = refused.stdout.split("\n").filter((l) => !/^ {0,12}\S+ +\d+ ms|^ +warn /.test(l) && l !== "");
      expect(reportLines[0]).toBe(
        "✖ removed: DELETE /api/user/api_key/{api_key_id} (delete_user_api_key), which deleteUserApiKey() in src/ " +
          "calls. BREAKING: src/ does not compile against the new types until the operation is back or src/ stops " +
          "calling it.",
      );
      expect(refused.stdout).toMatch(
        /^Does not compile against the new types \(\d+\), BREAKING for the wrapper:\n {2}✖ src\//m,
      );
      expect(refused.stderr).toMatch(
        /^✖ DELETE \/api\/user\/api_key\/\{api_key_id\} \(which deleteUserApiKey\(\) in src\/ calls\) is removed: \d+ breaking changes? and \d+ compile errors? in our code against the new types \(listed above\): nothing was written\./m,
      );
      expectUntouched(project, before);

      // The workflow's options: written, exit 0, the report, the body and the label all open with it.
      const accepted = await specUpdate(
        project,
        fixture,
        "--allow-breaking",
        "--bump",
        "--json",
        "--markdown",
        "body.md",
        "--github-output",
        "outputs.txt",
      );
      expect(accepted.code).toBe(0);
      expect(accepted.stderr).toMatch(/^⚠ \d+ compile errors? \(listed above\) in our code/m);
      const report = JSON.parse(accepted.stdout) as Record<string, unknown> & { compileErrors: string[] };
      expect(Object.keys(report)[0]).toBe("missingCalledOperations");
      expect(report).toMatchObject({
        result: "written",
        verdict: "breaking",
        missingCalledOperations: [
          { method: "delete", path: "/api/user/api_key/{api_key_id}", by: "deleteUserApiKey", status: "removed" },
        ],
      });
      expect(report.compileErrors.some((e) => e.startsWith("src/user.ts:"))).toBe(true);
      expect(project.read("body.md").split("\n")[0]).toMatch(
        /^> ✖ \*\*Removed: `DELETE \/api\/user\/api_key\/\{api_key_id\}` \(`delete_user_api_key`\), which `deleteUserApiKey\(\)` in `src\/` calls\.\*\*/,
      );
      expect(project.read("outputs.txt")).toMatch(/^labels=breaking$/m);
      expect(project.read(output)).not.toContain('"/api/user/api_key/{api_key_id}"');
      // The pipeline's own check holds for what was written: generated/ matches the spec, and compiles alone.
      expect((await generateCheck(project)).code).toBe(0);
    } finally {
      project.remove();
    }
  }, 300_000);

  it("generated types that do not compile: exit 1, nothing written, and no temp file left beside the spec", async () => {
    const project = seededCopy(["src"]);
    try {
      const before = snapshot(project);
      const result = await specUpdate(project, badInput("types-do-not-compile.yaml"), "--allow-breaking", "--bump");
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^✖ generated\/trieve\.ts:\d+:\d+: \[TS2456\] the generated types do not compile: Type alias 'Loop' circularly references itself\.$/m,
      );
      expect(result.stderr).toContain("spec/ and generated/ were left unchanged.");
      expectUntouched(project, before);
      // spec:update gives openapi-typescript the new spec as a temp file in spec/; it must go on failure too.
      expect(readdirSync(project.file("spec"))).toEqual(["trieve.yaml"]);
      expect(readdirSync(project.file("generated")).sort()).toEqual(["scoped-headers.ts", "trieve.ts"]);
      expect(readdirSync(project.dir)).not.toContain("CHANGELOG.md");
      expect(project.read("package.json")).toBe(readFileSync(path.join(projectRoot, "package.json"), "utf8"));
    } finally {
      project.remove();
    }
  }, 180_000);
});

describe("replaceFiles: both files or neither", () => {
  it("puts the first file back when the second cannot be replaced", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "replace-files-"));
    try {
      const first = path.join(dir, "first.txt");
      const second = path.join(dir, "second");
      writeFileSync(first, "old");
      mkdirSync(second); // a rename onto a non-empty folder fails
      writeFileSync(path.join(second, "keep"), "");
      expect(() =>
        replaceFiles([
          { file: first, text: "new" },
          { file: second, text: "new" },
        ]),
      ).toThrow();
      expect(readFileSync(first, "utf8")).toBe("old");
      expect(readFileSync(path.join(second, "keep"), "utf8")).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes nothing for texts that are already there, and leaves no temp files", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "replace-files-"));
    try {
      const a = path.join(dir, "a.txt");
      writeFileSync(a, "same");
      expect(
        replaceFiles([
          { file: a, text: "same" },
          { file: path.join(dir, "b.txt"), text: "new" },
        ]),
      ).toEqual([path.join(dir, "b.txt")]);
      expect(readFileSync(path.join(dir, "b.txt"), "utf8")).toBe("new");
      expect(readdirSync(dir).sort()).toEqual(["a.txt", "b.txt"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
