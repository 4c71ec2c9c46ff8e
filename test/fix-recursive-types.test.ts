import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { fixRecursiveTypes, onCycles } from "../scripts/codegen/fix-recursive-types.js";
import { generateTypes } from "../scripts/codegen/generate-types.js";
import { PipelineError } from "../scripts/shared/pipeline-error.js";
import { typecheck } from "../scripts/codegen/typecheck.js";

const fixture = fileURLToPath(new URL("fixtures/recursive/recursive-schemas.yaml", import.meta.url));

/** The typecheck step's verdict on a piece of code: undefined when it compiles, else the error. */
async function compileError(code: string): Promise<PipelineError | undefined> {
  try {
    await typecheck(code, "recursive.ts");
    return undefined;
  } catch (error) {
    if (error instanceof PipelineError) return error;
    throw error;
  }
}

describe("fix-recursive-types: recursive schemas compile and stay recursive", () => {
  it("the fixture does not compile without the fix (TS2502), so it tests something", async () => {
    const { default: openapiTS, astToString } = await import("openapi-typescript");
    const raw = astToString(await openapiTS(pathToFileURL(fixture), { silent: true }));
    expect((await compileError(raw))?.rule).toBe("TS2502");
  });

  it("hoists exactly the non-object schemas that lie on a cycle, self- or mutually recursive", async () => {
    const { default: openapiTS } = await import("openapi-typescript");
    const { hoisted } = fixRecursiveTypes(await openapiTS(pathToFileURL(fixture), { silent: true }));
    expect([...hoisted.keys()].sort()).toEqual(["Call", "Expr", "Filter", "FilterValue", "Forest", "Nested"]);
  });

  it("the pipeline's output compiles, and recursive values are checked at every depth", async () => {
    const code = await generateTypes(fixture, "recursive-schemas.yaml");
    expect(code).toContain("export type FilterValue = string | number | boolean | FilterValue[];");
    expect(code).toMatch(/FilterValue: FilterValue;/);

    // Values of each recursive schema at depth: the ones that fit compile (together, as one file of independent
    // declarations compiles exactly when each of them does); each wrong one alone is a TS2322 of its own.
    const fits = [
      [`["a", [1, [true, ["deep"]]]]`, "FilterValue"],
      [`["f", [["g", []]]]`, "Expr"],
      [`{ children: [{ label: "a", children: [] }] }`, "Tree"],
      [`{ field: "a", any: [{ value: ["x"], any: null }] }`, "Filter"],
    ];
    const declare = ([value, schema]: string[], i: number) =>
      `export const v${i}: components["schemas"]["${schema}"] = ${value};\n`;
    expect(await compileError(`${code}\n${fits.map(declare).join("")}`)).toBeUndefined();
    for (const wrong of [
      [`["a", [1, [{}]]]`, "FilterValue"],
      [`["f", [[42]]]`, "Expr"],
      [`{ children: [{ label: 1, children: [] }] }`, "Tree"],
      [`{ any: [{ value: [{}] }] }`, "Filter"],
    ])
      expect((await compileError(`${code}\n${declare(wrong, 0)}`))?.rule, wrong[0]).toBe("TS2322");
  });

  it("leaves a spec without recursive schemas byte for byte as openapi-typescript wrote it", async () => {
    const { default: openapiTS, astToString } = await import("openapi-typescript");
    const seed = fileURLToPath(new URL("fixtures/seed/trieve.yaml", import.meta.url));
    const ast = await openapiTS(pathToFileURL(seed), { silent: true });
    const fixed = fixRecursiveTypes(ast);
    expect(fixed.hoisted.size).toBe(0);
    expect(astToString(fixed.nodes)).toBe(astToString(ast));
  });
});

describe("onCycles", () => {
  const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));

  it("finds self-loops and cycles of any length, and nothing else", () => {
    expect(onCycles(graph({ a: ["a"], b: ["c"], c: ["d"], d: ["b", "e"], e: [], f: ["b"] }))).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
    expect(onCycles(graph({ a: ["b"], b: ["c"], c: [] }))).toEqual([]);
  });

  it("handles a chain deeper than the call stack", () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 50_000; i++) edges[`s${i}`] = [`s${i + 1}`];
    edges["s50000"] = ["s0"];
    expect(onCycles(graph(edges))).toHaveLength(50_001);
  });
});
