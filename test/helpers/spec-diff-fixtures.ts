import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/**
 * The spec-diff fixtures (test/fixtures/spec-diff): base.yaml, the original pairs (base.yaml → a full copy with
 * one change) and the rule pairs (rules/<id>.yaml: base.yaml with JSON pointers set, before and after).
 */
export const fixturesDir = fileURLToPath(new URL("../fixtures/spec-diff/", import.meta.url));

export const loadFixture = (name: string) =>
  parse(readFileSync(path.join(fixturesDir, `${name}.yaml`), "utf8")) as Record<string, unknown>;

export const base = loadFixture("base");

export interface RuleFixture {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  expect: Array<{ operation: string; id: string; level: string; message: string; pointer: string; in?: "old" }>;
}

/** base.yaml with each JSON pointer of `patch` set to its value, or removed for null. */
export function overlay(patch: Record<string, unknown>): Record<string, unknown> {
  const doc = structuredClone(base);
  for (const [where, value] of Object.entries(patch)) {
    const keys = where
      .slice(1)
      .split("/")
      .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = keys.pop()!;
    let node = doc as Record<string, unknown>;
    for (const key of keys) node = (node[key] ??= {}) as Record<string, unknown>;
    if (value === null) delete node[last];
    else node[last] = value;
  }
  return doc;
}

const ruleDir = path.join(fixturesDir, "rules");

/** `[rule id, fixture]` for every file of rules/ */
export const ruleFixtures = readdirSync(ruleDir)
  .filter((f) => f.endsWith(".yaml"))
  .map(
    (f) => [f.slice(0, -".yaml".length), parse(readFileSync(path.join(ruleDir, f), "utf8")) as RuleFixture] as const,
  );

/** The names of the original pairs: every file beside base.yaml. */
export const originalFixtures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith(".yaml") && f !== "base.yaml")
  .map((f) => f.slice(0, -".yaml".length));

/** Every fixture pair, named `<file>` or `rules/<id>`, as [name, before, after]. */
export const fixturePairs = (): Array<[string, Record<string, unknown>, Record<string, unknown>]> => [
  ...originalFixtures.map((name): [string, Record<string, unknown>, Record<string, unknown>] => [
    name,
    base,
    loadFixture(name),
  ]),
  ...ruleFixtures.map(([name, f]): [string, Record<string, unknown>, Record<string, unknown>] => [
    `rules/${name}`,
    overlay(f.before),
    overlay(f.after),
  ]),
];
