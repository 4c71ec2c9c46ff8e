import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectCopy } from "./helpers/project-copy.js";
import { runNode } from "./helpers/run-node.js";
import {
  historyDir,
  historyProject,
  historyStep,
  historySteps,
  replayStep,
  stepFileName,
} from "./helpers/spec-history.js";

/**
 * A short window of Trieve's real spec history (test/helpers/spec-history.ts), replayed day after day in one copy
 * of the project with the workflow's own flags: an empty file committed upstream (032), then 043, the removal of
 * the operation src/ calls (047), two days without it (048, 049), and its return (050). The whole year runs in
 * `npm run bench` (bench/history.ts). Lean on purpose: one copy, one spec:update a step, and after each written
 * step the pipeline's own check and the compiler's word on what was written, side by side.
 * A written step costs about 15 s of CPU: over two minutes of wall when the suite's files share two busy cores.
 */

const called = "DELETE /api/user/api_key/{api_key_id}";
/** What spec:update writes; an unusable spec must leave every one of them as it was. */
const written = ["spec/trieve.yaml", "generated/trieve.ts", "CHANGELOG.md", "package.json", "package-lock.json"];

/**
 * The compiler's word on a step, in two sizes (tsc7, as `npm run typecheck` runs it):
 * - `project`: `npm run typecheck` itself (`tsc7 -p .`: scripts/, test/ and bench/ too), where the project must compile;
 * - `src`: src/, examples/ and generated/ alone, where it must fail in src/. An error in those files is an error of
 *   `tsc7 -p .` too (the same files, compiled with the same options, are part of it; no file of the project declares
 *   globals), so this is `npm run typecheck` failing, for about a third of its CPU.
 * Both with one checker thread (`--checkers 1`): the same program and the same errors, for a quarter less CPU on a
 * busy two-core machine.
 */
const typecheckArgs = {
  project: ["-p", "."],
  src: ["-p", "tsconfig.src-check.json"],
} as const;

describe("Trieve's spec history, 032 and 043 → 050: the bot never goes silent", () => {
  let project: ProjectCopy;
  let scratch: string;
  beforeAll(() => {
    project = historyProject();
    writeFileSync(
      project.file("tsconfig.src-check.json"),
      JSON.stringify({ extends: "./tsconfig.json", include: ["src", "examples", "generated"] }),
    );
    scratch = mkdtempSync(path.join(tmpdir(), "spec-history-"));
  });
  afterAll(() => {
    project?.remove();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** `generate --check` and a typecheck (typecheckArgs) in the copy, at once: both only read it. */
  async function checks(typecheck: keyof typeof typecheckArgs) {
    const [generate, compiled] = await Promise.all([
      runNode(project.dir, ["scripts/launch.mjs", "generate.ts", "--check"]),
      runNode(project.dir, ["node_modules/tsc7/tsc7.mjs", ...typecheckArgs[typecheck], "--checkers", "1"]),
    ]);
    expect(generate.stderr, "generate --check").not.toMatch(/✖/);
    expect(generate.code, "generate --check").toBe(0);
    return compiled;
  }

  /** A usable step: exit 0, written, and `generate --check` passes on what was written; then `typecheck`. */
  async function usable(step: number, typecheck: keyof typeof typecheckArgs) {
    const day = await replayStep(project, historyStep(step), scratch);
    expect(day.stderr).not.toMatch(/^✖/m);
    expect(day.code, day.stderr).toBe(0);
    expect(day.report?.result).toBe("written");
    expect(day.outputs.changed).toBe("true");
    return { ...day, typecheck: await checks(typecheck) };
  }

  it("the steps are the manifest's, where ../shared has it; elsewhere they come from the clone TRIEVE_REPO names", () => {
    const manifest = path.join(historyDir, "manifest.json");
    // On GitHub's runners there is no ../shared: the steps come from the clone at these commits (ci.yml).
    if (!existsSync(manifest)) {
      expect(process.env.TRIEVE_REPO, "neither ../shared/specs/trieve/history nor TRIEVE_REPO").toBeTruthy();
      return;
    }
    const files = (JSON.parse(readFileSync(manifest, "utf8")) as { files: Array<{ file: string; commit: string }> })
      .files;
    expect(historySteps.map((s) => [stepFileName(s), s.commit])).toEqual(files.map((f) => [f.file, f.commit]));
  });

  it("032, an empty file committed upstream: exit 1, one line, nothing changed", async () => {
    const before = written.map((f) => project.read(f));
    const day = await replayStep(project, historyStep(32), scratch);
    expect(day.code).toBe(1);
    expect(day.stderr).toMatch(/^✖ .*032-2024-10-25-7747182e\.json: the file is empty/m);
    expect(day.report).toBeUndefined();
    expect(day.outputs).toEqual({});
    expect(written.map((f) => project.read(f))).toEqual(before);
  }, 120_000);

  it("043: written, and the project compiles", async () => {
    const day = await usable(43, "project");
    expect(day.report?.missingCalledOperations).toEqual([]);
    expect(day.typecheck.stdout).toBe("");
    expect(day.typecheck.code).toBe(0);
  }, 240_000);

  it("047, the operation src/ calls removed: written, breaking, the body opens with it; typecheck fails", async () => {
    const day = await usable(47, "src");
    expect(day.report).toMatchObject({
      verdict: "breaking",
      bump: "minor",
      missingCalledOperations: [{ by: "deleteUserApiKey", status: "removed" }],
    });
    expect(day.report!.compileErrors.some((e) => e.startsWith("src/"))).toBe(true);
    expect(day.outputs).toMatchObject({ breaking: "true", labels: "breaking" });
    expect(day.body!.split("\n")[0]).toContain(`**Removed: \`${called}\` (\`delete_user_api_key\`), which`);
    // The rest of the day is shown too: what else Trieve added and removed.
    expect(day.body).toMatch(/### Removed \(\d+\)/);
    expect(day.body).toMatch(/### Added \(\d+\)/);
    expect(day.typecheck.code).not.toBe(0);
    expect(day.typecheck.stdout).toMatch(/^src\/user\.ts\(\d+,\d+\): error TS/m);
  }, 240_000);

  it.each([48, 49])(
    "0%i, still without it: written, its errors already failing and not counted; typecheck fails",
    async (step) => {
      const day = await usable(step, "src");
      expect(day.report?.missingCalledOperations).toMatchObject([{ by: "deleteUserApiKey", status: "absent" }]);
      expect(day.report!.compileErrors).toEqual([]);
      expect(day.report!.existingErrors.some((e) => e.startsWith("src/"))).toBe(true);
      expect(day.body!.split("\n")[0]).toContain(`**Still absent: \`${called}\`, which`);
      expect(day.typecheck.code).not.toBe(0);
    },
    240_000,
  );

  it("050, the operation back: written, and the project compiles again", async () => {
    const day = await usable(50, "project");
    expect(day.report?.missingCalledOperations).toEqual([]);
    expect(day.body).toContain("by `deleteUserApiKey()`: back in the spec");
    expect(day.typecheck.stdout).toBe("");
    expect(day.typecheck.code).toBe(0);
  }, 240_000);
});
