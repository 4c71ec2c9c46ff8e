import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyProject, projectRoot, type ProjectCopy } from "./helpers/project-copy.js";

/** The heavy tools, left out of the copy's node_modules: a command that answers did not load them. */
const heavy = ["typescript", "prettier", "openapi-typescript", "redocly-openapi-core", "@redocly", "tsx"];

let project: ProjectCopy;
beforeEach(() => {
  project = copyProject();
  const modules = project.file("node_modules");
  rmSync(modules); // the helper's link to ours, replaced by links to all but the heavy packages
  mkdirSync(modules);
  for (const name of readdirSync(path.join(projectRoot, "node_modules"))) {
    if (!heavy.includes(name)) symlinkSync(path.join(projectRoot, "node_modules", name), path.join(modules, name));
  }
});
afterEach(() => project.remove());

describe("generate answers from the hashes alone, without TypeScript, prettier, openapi-typescript, Redocly or tsx", () => {
  it("--check on a fresh tree, twice (the first run also compiles scripts/)", async () => {
    for (let run = 0; run < 2; run++) {
      const result = await project.run("generate.ts", "--check");
      expect(result.stderr).toBe("");
      expect(result.stdout).toContain("up to date");
      expect(result.code).toBe(0);
    }
  });

  it("generate with nothing changed", async () => {
    const result = await project.run("generate.ts");
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("up to date");
    expect(result.code).toBe(0);
  });

  it("--check still catches a hand edit", async () => {
    writeFileSync(project.file("generated/trieve.ts"), `${project.read("generated/trieve.ts")}// edited\n`);
    const result = await project.run("generate.ts", "--check");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/edited by hand/);
  });

  it("the tools are really gone: a run that needs them fails in this copy", async () => {
    writeFileSync(project.file("spec/trieve.yaml"), `${project.read("spec/trieve.yaml")}\n`);
    const result = await project.run("generate.ts");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unexpected error: Cannot find (module|package)/);
  });
});
