import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { copyProject, projectRoot, type ProjectCopy } from "./helpers/project-copy.js";

const output = "generated/trieve.ts";
const spec = "spec/trieve.yaml";
/** The seed spec as a fixture: the edits below need known text, whatever spec/trieve.yaml holds. */
const seedFixture = readFileSync(fileURLToPath(new URL("fixtures/seed/trieve.yaml", import.meta.url)), "utf8");

/**
 * scripts/launch.mjs compiles scripts/ into a copy's .cache/scripts/<hash of the sources>/ on its first run there
 * (0.2 s of CPU, against 20 copies): done once in a first copy, whose .cache/ each test's copy then starts with. A
 * test that edits a source of scripts/ gets another hash, so its copy compiles its own, as launch.mjs says.
 */
let compiled: ProjectCopy;
beforeAll(async () => {
  compiled = copyProject();
  expect((await compiled.run("generate.ts", "--check")).code).toBe(0);
});
afterAll(() => compiled?.remove());

let project: ProjectCopy;
let before: Buffer;
beforeEach(() => {
  project = copyProject();
  cpSync(compiled.file(".cache"), project.file(".cache"), { recursive: true });
  before = readFileSync(project.file(output));
});
afterEach(() => project.remove());

function expectGeneratedUnchanged(): void {
  expect(readFileSync(project.file(output)).equals(before)).toBe(true);
}

describe("npm run generate: bad specs fail with a clear message and leave generated/ untouched", () => {
  it.each([
    [
      "invalid YAML",
      "openapi: 3.0.3\ninfo: {title: x, version: '1'\npaths: {}\n",
      /spec\/trieve\.yaml:3:1: \[parser\] not valid YAML or JSON/,
    ],
    ["an empty file", "", /spec\/trieve\.yaml: the file is empty/],
    ["a file with only whitespace", "\n  \n", /the file is empty/],
    [
      "Swagger 2.0",
      'swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n',
      /not an OpenAPI 3\.x document: found Swagger 2\.0/,
    ],
    [
      "a broken $ref",
      seedFixture.replace('"#/components/schemas/ErrorResponseBody"', '"#/components/schemas/Missing"'),
      /spec\/trieve\.yaml:\d+:\d+: \[no-unresolved-refs\] Can't resolve \$ref/,
    ],
  ])("%s", async (_name, text, message) => {
    writeFileSync(project.file(spec), text);
    const result = await project.run("generate.ts");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("generated/ was left unchanged");
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expectGeneratedUnchanged();
  });

  it("git conflict markers name the line of the first marker", async () => {
    const lines = seedFixture.split("\n");
    const at = lines.indexOf("info:") + 1;
    lines.splice(at, 0, "<<<<<<< HEAD", "  title: Trieve", "=======", "  title: Trieve API", ">>>>>>> main");
    writeFileSync(project.file(spec), lines.join("\n"));
    const result = await project.run("generate.ts");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `spec/trieve.yaml:${at + 1}:1: git conflict marker "<<<<<<<": resolve the merge conflict`,
    );
    expectGeneratedUnchanged();
  });

  it("a missing spec says so", async () => {
    rmSync(project.file(spec));
    const result = await project.run("generate.ts");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/spec\/trieve\.yaml: file not found/);
    expectGeneratedUnchanged();
  });
});

describe("npm run generate: the committed spec", () => {
  it("regenerates byte for byte what is committed, printing one line per step and warnings by rule", async () => {
    rmSync(project.file(output));
    const result = await project.run("generate.ts");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (const step of ["lint", "generate", "format", "typecheck"])
      expect(result.stdout).toMatch(new RegExp(`^${step}\\s+\\d+ ms`, "m"));
    // Whatever the spec's warnings, the per-rule counts add up to the total.
    const total = Number(/^lint\s+\d+ ms\s+0 errors, (\d+) warnings?$/m.exec(result.stdout)?.[1]);
    const byRule = [...result.stdout.matchAll(/^\s+warn \S+ x(\d+)$/gm)].map((m) => Number(m[1]));
    expect(byRule.reduce((a, b) => a + b, 0)).toBe(total);
    expect(readFileSync(project.file(output)).equals(readFileSync(`${projectRoot}/${output}`))).toBe(true);
    const table = "generated/scoped-headers.ts";
    expect(project.read(table)).toBe(readFileSync(`${projectRoot}/${table}`, "utf8"));
  });

  it("does not touch the file when nothing changed", async () => {
    const mtime = statSync(project.file(output)).mtimeMs;
    const result = await project.run("generate.ts");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("up to date");
    expect(statSync(project.file(output)).mtimeMs).toBe(mtime);
  });

  it("the committed file says it is generated, from which spec, with the spec's hash", () => {
    const header = project.read(output).split("\n").slice(0, 5).join("\n");
    expect(header).toContain("Generated by `npm run generate` from spec/trieve.yaml. Do not edit this file by hand");
    expect(header).toContain(`spec sha256: ${createHash("sha256").update(project.read(spec)).digest("hex")}`);
  });
});

/** An edit of one input of generation, in the copy. */
const append = (file: string, text: string) => () => writeFileSync(project.file(file), `${project.read(file)}${text}`);

describe("npm run generate -- --check", () => {
  it("exits 0 on a fresh tree and writes nothing", async () => {
    const result = await project.run("generate.ts", "--check");
    expect(result.code).toBe(0);
    expectGeneratedUnchanged();
  });

  it("exits 1 after a hand edit of generated/trieve.ts, naming the file and the fix", async () => {
    writeFileSync(project.file(output), `${project.read(output)}export type Extra = string;\n`);
    const result = await project.run("generate.ts", "--check");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/generated\/trieve\.ts was edited by hand.*run `npm run generate`/);
  });

  it.each([
    ["an edit of the spec", append(spec, "\n")],
    ["an edit of redocly.yaml", append("redocly.yaml", "# a comment is an edit too\n")],
    ["an edit of a generator source", append("scripts/codegen/format-code.ts", "// an edit\n")],
    [
      "a new file in a nested folder of the generator",
      () => {
        mkdirSync(project.file("scripts/codegen/steps"));
        writeFileSync(project.file("scripts/codegen/steps/extra.ts"), "export {};\n");
      },
    ],
    [
      "a new version of a nested package in package-lock.json (openapi-typescript's own Redocly 1.x)",
      () => {
        const lock = project.read("package-lock.json");
        const entry = /("node_modules\/@redocly\/openapi-core": \{\s*"version": ")1\.[^"]+"/;
        expect(lock).toMatch(entry);
        writeFileSync(project.file("package-lock.json"), lock.replace(entry, '$11.99.0"'));
      },
    ],
  ])("exits 1 after %s, naming the stale file and the fix", async (_name, edit) => {
    edit();
    const result = await project.run("generate.ts", "--check");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/generated\/trieve\.ts is stale.*run `npm run generate`/);
    expectGeneratedUnchanged();
  });

  it("exits 1 when generated/trieve.ts has no header", async () => {
    writeFileSync(project.file(output), project.read(output).split("\n").slice(6).join("\n"));
    const result = await project.run("generate.ts", "--check");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/generated\/trieve\.ts has no generated header.*run `npm run generate`/);
  });

  it("exits 1 after a hand edit of generated/scoped-headers.ts, or without it, and generate writes it back", async () => {
    const table = "generated/scoped-headers.ts";
    const committed = project.read(table);
    writeFileSync(project.file(table), committed.replace('"TR-Dataset": [', '"TR-Dataset": ["GET /api/x",'));
    const edited = await project.run("generate.ts", "--check");
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/generated\/scoped-headers\.ts was edited by hand.*run `npm run generate`/);
    rmSync(project.file(table));
    const missing = await project.run("generate.ts", "--check");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/generated\/scoped-headers\.ts is missing/);
    const generated = await project.run("generate.ts");
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain("wrote  generated/scoped-headers.ts");
    expect(project.read(table)).toBe(committed);
    expectGeneratedUnchanged();
  });

  it("exits 1 when generated/trieve.ts is missing", async () => {
    rmSync(project.file(output));
    const result = await project.run("generate.ts", "--check");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/generated\/trieve\.ts is missing/);
  });

  it("with --watch, exits 1 at once: --check writes nothing and does not wait", async () => {
    const result = await project.run("generate.ts", "--check", "--watch");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--check and --watch do not go together/);
    expect(result.stdout).toBe("");
    expectGeneratedUnchanged();
  });
});
