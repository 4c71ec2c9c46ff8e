import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { copyProject, projectRoot, type ProjectCopy } from "../helpers/project-copy.js";
import { fuzz } from "./fuzz-settings.js";
import { anyMutation, mutateAnywhere } from "./mutate-spec.js";

/**
 * `spec:update` on a mutated copy of the seed spec, in one throwaway copy of the project: whatever the spec holds,
 * it ends with exit 0 (written), 1 (refused with a message) or 2 (breaking, refused), never with a crash, and on
 * 1 and 2 it writes nothing. Each run is a whole update (lint, generate, compile gate), several seconds on two
 * cores, so there are two (with this seed: one update written, one spec refused by the lint gate); the differ
 * underneath gets many more in spec-diff.test.ts. FUZZ_RUNS_FACTOR=10 runs twenty.
 */

const written = ["spec/trieve.yaml", "generated/trieve.ts", "CHANGELOG.md", "package.json"];
const seedSpec = parse(
  readFileSync(path.join(projectRoot, "test", "fixtures", "seed", "trieve.yaml"), "utf8"),
) as Record<string, unknown>;

let project: ProjectCopy;
let start: string[];
beforeAll(() => {
  project = copyProject(["src", "CHANGELOG.md"]);
  writeFileSync(
    project.file("spec/trieve.yaml"),
    readFileSync(path.join(projectRoot, "test/fixtures/seed/trieve.yaml")),
  );
  start = written.map((file) => project.read(file));
});
afterAll(() => project?.remove());

describe("spec:update on a mutated spec (fast-check)", () => {
  it("exits 0, 1 or 2 with a message and no stack trace, and writes nothing on 1 and 2", async () => {
    const codes: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(anyMutation, { minLength: 1, maxLength: 2 }), async (mutations) => {
        // Every run starts from the seed, so that "nothing written" compares with a known state.
        written.forEach((file, i) => writeFileSync(project.file(file), start[i]!));
        const spec = structuredClone(seedSpec);
        for (const mutation of mutations) mutateAnywhere(spec, mutation);
        writeFileSync(project.file("fuzzed-spec.json"), JSON.stringify(spec, null, 2));
        const result = await project.run("spec-update.ts", "fuzzed-spec.json");
        codes.push(result.code!);
        expect([0, 1, 2]).toContain(result.code);
        expect(result.stderr).not.toMatch(/\n\s+at |TypeError|ReferenceError|RangeError/);
        if (result.code === 0) return;
        expect(result.stderr).toMatch(/^✖ /m);
        expect(written.map((file) => project.read(file))).toEqual(start);
      }),
      // A failure is replayed by its seed; shrinking it would cost minutes of whole updates.
      { ...fuzz(2), endOnFailure: true },
    );
    expect(codes.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
