import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { diffSpecs, type Level, type SpecDiff } from "../../scripts/spec-diff/spec-diff.js";
import { projectRoot } from "../helpers/project-copy.js";
import { fuzz } from "./fuzz-settings.js";
import { anyMutation, mutateAnywhere, schema } from "./mutate-spec.js";

/**
 * Properties of the differ (scripts/spec-diff/) that hold for any spec, checked on the spec-diff fixtures (each a
 * small spec with one kind of change) and on random changes to them. The example tests (test/spec-diff.test.ts)
 * pin what each rule says; these check what no example can: that nothing is found where nothing changed, that an
 * addition and its removal mirror each other, that a change made twice is never judged milder, and that no
 * spec crashes the differ.
 */

type Spec = Record<string, unknown>;
const fixturesDir = path.join(projectRoot, "test", "fixtures", "spec-diff");
// base.yaml and its one-change variants (rules/ holds patches of base.yaml, not specs).
const fixtures: Spec[] = readdirSync(fixturesDir)
  .filter((name) => name.endsWith(".yaml"))
  .sort()
  .map((name) => parse(readFileSync(path.join(fixturesDir, name), "utf8")) as Spec);
const fixture = fc.constantFrom(...fixtures).map((spec) => structuredClone(spec));

const methods = ["get", "put", "post", "delete", "patch"] as const;
/** Sunset dates are compared with this time, so that a run does not depend on the day it runs. */
const now = new Date("2026-12-05T00:00:00Z");
const diff = (before: Spec, after: Spec) => diffSpecs(before, after, { now });
const rank: Record<Level, number> = { info: 0, warning: 1, breaking: 2 };
/** The most severe level of a diff, -1 for no change. */
const worst = (d: SpecDiff) => Math.max(-1, ...d.operations.flatMap((o) => o.changes.map((c) => rank[c.level])));

/** An operation: parameters, maybe a JSON body, and responses. */
const operation: fc.Arbitrary<Spec> = fc
  .record(
    {
      operationId: fc.stringMatching(/^[a-z][a-z_]{2,12}$/),
      parameters: fc.uniqueArray(
        fc.record({
          name: fc.stringMatching(/^[a-z_]{1,8}$/),
          in: fc.constantFrom("query", "header"),
          required: fc.boolean(),
          schema,
        }),
        { maxLength: 3, selector: (p) => `${p.in} ${p.name}` },
      ),
      requestBody: fc.record({
        required: fc.boolean(),
        content: fc.record({ "application/json": fc.record({ schema }) }),
      }),
      responses: fc.dictionary(
        fc.constantFrom("200", "201", "204", "400", "404", "500"),
        fc.record(
          { description: fc.constant("a response"), content: fc.record({ "application/json": fc.record({ schema }) }) },
          { requiredKeys: ["description"] },
        ),
        { minKeys: 1, maxKeys: 3 },
      ),
      security: fc.constant([{ ApiKey: [] }]),
    },
    { requiredKeys: ["operationId", "responses"] },
  )
  .map((op) => JSON.parse(JSON.stringify(op)) as Spec);

const paths = (spec: Spec) => spec.paths as Record<string, Record<string, Spec>>;

/** Every operation of a spec, as [path, method]. */
const operationsOf = (spec: Spec) =>
  Object.entries(paths(spec)).flatMap(([p, item]) => methods.filter((m) => m in item).map((m) => [p, m] as const));

/**
 * Changes that can be made again at the same place, each picked by a number so that fast-check can shrink it:
 * the second time, the same kind of change is made once more (another parameter added, another one removed…).
 */
const mutations: Record<string, (spec: Spec, pick: number, extra: Spec) => void> = {
  "remove an operation": (spec, pick) => {
    const ops = operationsOf(spec);
    if (ops.length === 0) return;
    const [p, m] = ops[pick % ops.length]!;
    delete paths(spec)[p]![m];
  },
  "add an operation": (spec, pick, extra) => {
    const p = `/fuzz/${pick}/${Object.keys(paths(spec)).length}`;
    paths(spec)[p] = { get: structuredClone(extra) };
  },
  "add a required query parameter": (spec, pick) => {
    const ops = operationsOf(spec);
    if (ops.length === 0) return;
    const [p, m] = ops[pick % ops.length]!;
    const op = paths(spec)[p]![m]!;
    const parameters = ((op.parameters as Spec[] | undefined) ?? []).slice();
    parameters.push({ name: `fuzz_${parameters.length}`, in: "query", required: true, schema: { type: "string" } });
    op.parameters = parameters;
  },
  "remove a parameter": (spec, pick) => {
    const ops = operationsOf(spec).filter(
      ([p, m]) => (paths(spec)[p]![m]!.parameters as unknown[] | undefined)?.length,
    );
    if (ops.length === 0) return;
    const [p, m] = ops[pick % ops.length]!;
    const op = paths(spec)[p]![m]!;
    op.parameters = (op.parameters as unknown[]).filter((_, i) => i !== pick % (op.parameters as unknown[]).length);
  },
  "remove a response": (spec, pick) => {
    const ops = operationsOf(spec);
    if (ops.length === 0) return;
    const [p, m] = ops[pick % ops.length]!;
    const responses = paths(spec)[p]![m]!.responses as Spec;
    const codes = Object.keys(responses);
    if (codes.length > 1) delete responses[codes[pick % codes.length]!];
  },
  "deprecate an operation": (spec, pick) => {
    const ops = operationsOf(spec);
    if (ops.length === 0) return;
    const [p, m] = ops[pick % ops.length]!;
    paths(spec)[p]![m]!.deprecated = true;
  },
};

describe("the differ, on any spec (fast-check)", () => {
  it("a spec diffed with itself (or a deep copy of itself) has no change", () => {
    fc.assert(
      fc.property(fixture, fc.nat(), operation, fc.constantFrom(...Object.keys(mutations)), (spec, pick, op, kind) => {
        mutations[kind]!(spec, pick, op);
        for (const other of [spec, structuredClone(spec)]) {
          const d = diff(spec, other);
          expect(d.operations).toEqual([]);
          expect(Object.values(d.counts).every((n) => n === 0)).toBe(true);
        }
      }),
      fuzz(60),
    );
  });

  it("adding an operation is one endpoint-added (info); removing it again is one breaking removal", () => {
    fc.assert(
      fc.property(
        fixture,
        operation,
        fc.constantFrom(...methods),
        fc.stringMatching(/^[a-z]{1,8}$/),
        (spec, op, m, seg) => {
          const p = `/fuzz/${seg}`;
          const added = structuredClone(spec);
          paths(added)[p] = { [m]: op };
          const there = diff(spec, added);
          expect(there.operations.map((o) => [o.method, o.path, o.status, o.breaking])).toEqual([
            [m, p, "added", false],
          ]);
          expect(there.operations[0]!.changes.map((c) => [c.id, c.level])).toEqual([["endpoint-added", "info"]]);
          const back = diff(added, spec);
          expect(back.operations.map((o) => [o.method, o.path, o.status, o.breaking])).toEqual([
            [m, p, "removed", true],
          ]);
          expect(back.operations[0]!.changes.map((c) => [c.id, c.level])).toEqual([
            ["api-path-removed-without-deprecation", "breaking"],
          ]);
          expect(back.counts).toMatchObject({ added: 0, removed: 1, breakingChanges: 1 });
        },
      ),
      fuzz(60),
    );
  });

  it("a change made twice is never judged milder than the same change made once", () => {
    fc.assert(
      fc.property(fixture, fc.nat(), operation, fc.constantFrom(...Object.keys(mutations)), (spec, pick, op, kind) => {
        const once = structuredClone(spec);
        mutations[kind]!(once, pick, op);
        const twice = structuredClone(once);
        mutations[kind]!(twice, pick, op);
        expect(worst(diff(spec, twice))).toBeGreaterThanOrEqual(worst(diff(spec, once)));
      }),
      fuzz(60),
    );
  });

  it("no mutation of a fixture crashes the differ, either way round", () => {
    fc.assert(
      fc.property(fixture, fc.array(anyMutation, { minLength: 1, maxLength: 4 }), (spec, changes) => {
        const mutated = structuredClone(spec);
        for (const change of changes) mutateAnywhere(mutated, change);
        for (const [before, after] of [
          [spec, mutated],
          [mutated, spec],
        ] as const) {
          const d = diff(before, after);
          expect(d.counts.breakingChanges + d.counts.nonBreakingChanges).toBe(
            d.operations.reduce((n, o) => n + o.changes.length, 0),
          );
        }
      }),
      fuzz(100),
    );
  });
});
