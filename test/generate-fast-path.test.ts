import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyProject, projectRoot, type ProjectCopy } from "./helpers/project-copy.js";

/**
 * The heavy tools, replaced in the copy by their package.json alone (fingerprint.ts reads their
 * versions): any attempt to load one fails, so a command that answers did not load them.
 */
const heavy = ["typescript", "prettier", "openapi-typescript", "redocly-openapi-core", "tsx"];

let project: ProjectCopy;
beforeEach(() => {
  project = copyProject();
  const modules = project.file("node_modules");
  rmSync(modules); // the helper's symlink to ours
  mkdirSync(modules);
  for (const name of readdirSync(path.join(projectRoot, "node_modules"))) {
    if (name === ".cache" || heavy.includes(name)) continue;
    symlinkSync(path.join(projectRoot, "node_modules", name), path.join(modules, name));
  }
  for (const name of heavy) {
    mkdirSync(path.join(modules, name));
    cpSync(path.join(projectRoot, "node_modules", name, "package.json"), path.join(modules, name, "package.json"));
  }
});
afterEach(() => project.remove());

describe("generate answers from the hashes alone, without TypeScript, prettier, openapi-typescript, Redocly or tsx", () => {
  it("--check on a fresh tree, twice (the first run also compiles scripts/)", () => {
    for (let run = 0; run < 2; run++) {
      const result = project.run("generate.ts", "--check");
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    }
  });

  it("generate with nothing changed", () => {
    const result = project.run("generate.ts");
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("up to date");
  });

  it("--check still catches a hand edit", () => {
    writeFileSync(project.file("generated/trieve.ts"), project.read("generated/trieve.ts").replace("string", "any"));
    const result = project.run("generate.ts", "--check");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/edited by hand/);
  });

  it("the stubs are real: a run that needs the tools fails in this copy", () => {
    writeFileSync(project.file("spec/trieve.yaml"), `${project.read("spec/trieve.yaml")}\n`);
    const result = project.run("generate.ts");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unexpected error/);
  });
});
