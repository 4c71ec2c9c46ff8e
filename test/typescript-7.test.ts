import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { typecheck, typecheckInProcess } from "../scripts/codegen/typecheck.js";
import { diagnosticLines, runTsc } from "./helpers/compilers.js";
import { projectRoot } from "./helpers/project-copy.js";

// `npm run typecheck` and vitest's type tests (typecheck.checker) run TypeScript 7's native tsc, which needs no
// TypeScript API; the pipeline, the compile gate and `npm run build` keep 5.9's. This is the proof that the
// switch changes no verdict: on code that uses the client and the generated types, with errors of the kinds
// a spec change causes, both compilers report the same diagnostics, line for line.
// In the project (as .tmp-*, ignored by git), so that the code resolves packages and @types/node as ours does.
const dir = mkdtempSync(path.join(projectRoot, ".tmp-tsc7-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  path.join(dir, "known-errors.ts"),
  `import { createTrieveClient, type paths } from "../src/index.js";
   const client = createTrieveClient({ apiKey: "tr-x" });
   type Delete = paths["/api/user/api_key/{api_key_id}"]["delete"];
   export const ok: Delete["parameters"]["path"]["api_key_id"] = "x";
   export const notAString: Delete["parameters"]["path"]["api_key_id"] = 42;
   export const wrongId = client.deleteUserApiKey(42);
   export const noSuchPath: paths["/api/not-a-path"] = {};
   export const noSuchOption = createTrieveClient({ apiKey: "tr-x", retries: "3" });
   const maybe: string | undefined = process.env.X;
   export const unchecked: string = maybe;
`,
);
writeFileSync(
  path.join(dir, "tsconfig.json"),
  JSON.stringify({
    // The project's own options (strict, noUncheckedIndexedAccess, NodeNext, types: node...).
    extends: "../tsconfig.json",
    include: [],
    files: ["known-errors.ts"],
  }),
);

describe("TypeScript 7's tsc against 5.9's", () => {
  it("reports the same diagnostics on a file with known errors", async () => {
    const [five, seven] = await Promise.all([
      runTsc("5.9", ["-p", dir, "--pretty", "false"]),
      runTsc("7.0", ["-p", dir, "--pretty", "false"]),
    ]);
    const expected = diagnosticLines(five.output);
    expect(expected.map((line) => line.replace(/^.*\((\d+),\d+\): error (TS\d+).*$/, "$1 $2"))).toEqual([
      "10 TS2322", // string | undefined into string
      "5 TS2322", // a number for a string path parameter
      "6 TS2345", // the same through the client's method
      "7 TS2339", // no such path in `paths`
      "8 TS2322", // an option the client does not have (the generic options map unknown keys to never: src/client.ts)
    ]);
    expect(diagnosticLines(seven.output)).toEqual(expected);
    // Both fail; 5.9 exits 2 ("errors, outputs skipped"), 7.0 exits 1.
    expect(five.code).not.toBe(0);
    expect(seven.code).not.toBe(0);
  });

  it("finds the project clean, as `npm run typecheck` does", async () => {
    // With tsc's own --incremental (its record of every file's hash and diagnostics, in .cache/, which git ignores):
    // a file whose hash changed, or whose imports' types did, is checked again, and the errors it kept are
    // printed again, so the verdict is that of a full check, at less than half its cost from the second run on.
    const buildInfo = path.join(projectRoot, ".cache", "tsc7", "typescript-7.tsbuildinfo");
    const result = await runTsc("7.0", [
      "-p",
      projectRoot,
      "--pretty",
      "false",
      "--incremental",
      "--tsBuildInfoFile",
      buildInfo,
    ]);
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it("the pipeline's typecheck: tsc7 (generate) and in process (--watch) give the same error", async () => {
    // openapi-typescript's raw output for recursive schemas, without fix-recursive-types: TS2502.
    const { default: openapiTS, astToString } = await import("openapi-typescript");
    const fixture = fileURLToPath(new URL("fixtures/recursive/recursive-schemas.yaml", import.meta.url));
    const raw = astToString(await openapiTS(pathToFileURL(fixture), { silent: true }));
    const verdict = async (check: () => unknown) => {
      try {
        await check();
        return "compiles";
      } catch (error) {
        return String(error);
      }
    };
    const seven = await verdict(() => typecheck(raw, "generated/trieve.ts"));
    expect(seven).toMatch(/^generated\/trieve\.ts:\d+:\d+: \[TS2502\] the generated types do not compile: /);
    expect(await verdict(() => typecheckInProcess(raw, "generated/trieve.ts"))).toBe(seven);
  });
});
