import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, type ProjectCopy } from "./helpers/project-copy.js";
import { startNode, type RunningNode } from "./helpers/run-node.js";

const output = "generated/trieve.ts";
const spec = "spec/trieve.yaml";
/** The watcher works on the seed fixture, whatever spec/trieve.yaml holds: its edits need known text. */
const seed = readFileSync(fileURLToPath(new URL("fixtures/seed/trieve.yaml", import.meta.url)), "utf8");
const title = "Delete User Api Key";
/** A deadline for a line that must come (a cold start loads every tool), not a measure of speed. */
const lineDeadline = 60_000;

let project: ProjectCopy;
let watch: RunningNode | undefined;

/**
 * One watcher for the file, as a maintainer keeps one running: each test saves into the same copy in turn (its
 * start loads every tool, the most expensive part of a watcher's life, and a second start would prove nothing more).
 */
beforeAll(async () => {
  project = copyProject();
  writeFileSync(project.file(spec), seed);
  watch = startNode(project.dir, ["scripts/launch.mjs", "generate.ts", "--watch"]);
});
afterAll(async () => {
  await watch?.stop();
  project?.remove();
});

const save = (text: string) => writeFileSync(project.file(spec), text);

describe("npm run generate -- --watch", () => {
  it("builds once at start, then regenerates on each save, reports a broken save and keeps watching, and debounces bursts", async () => {
    expect(await watch!.nextLine(lineDeadline)).toMatch(
      /watching spec\/ and redocly\.yaml \(ready in \d+ ms\): initial build → (wrote|unchanged) generated\/trieve\.ts/,
    );

    save(seed.replace(title, "Delete a user API key"));
    expect(await watch!.nextLine(lineDeadline)).toMatch(
      /spec\/trieve\.yaml changed → wrote generated\/trieve\.ts and generated\/scoped-headers\.ts in \d+ ms: lint \d+ ms \(0 errors, \d+ warnings?\), generate \d+ ms, format \d+ ms, typecheck \d+ ms$/,
    );
    expect(project.read(output)).toContain("Delete a user API key");
    const good = readFileSync(project.file(output));

    save(`${seed}\nfoo: [\n`);
    expect(await watch!.nextLine(lineDeadline)).toMatch(
      /spec\/trieve\.yaml changed → ✖ spec\/trieve\.yaml:\d+:\d+: \[parser\] not valid YAML or JSON.*generated\/trieve\.ts left unchanged, still watching/,
    );
    expect(readFileSync(project.file(output)).equals(good)).toBe(true);

    // An editor's save burst: three writes in a row make one run, of the last content.
    for (const burst of ["Burst one", "Burst two", "Burst three"]) save(seed.replace(title, burst));
    expect(await watch!.nextLine(lineDeadline)).toMatch(/spec\/trieve\.yaml changed → wrote generated\/trieve\.ts/);
    expect(project.read(output)).toContain("Burst three");
    // The positive signal that the burst made no second run: the very next line is this save's.
    save(seed.replace(title, "After the burst"));
    expect(await watch!.nextLine(lineDeadline)).toMatch(/spec\/trieve\.yaml changed → wrote generated\/trieve\.ts/);
    expect(project.read(output)).toContain("After the burst");
  }, 240_000);

  it("a save of redocly.yaml reruns lint with the new rules", async () => {
    const config = project.read("redocly.yaml");
    // The seed fixture's one warning (its localhost server), made an error.
    writeFileSync(project.file("redocly.yaml"), `${config}  no-server-example.com: error\n`);
    expect(await watch!.nextLine(lineDeadline)).toMatch(
      /redocly\.yaml changed → ✖ spec\/trieve\.yaml:\d+:\d+: \[no-server-example\.com\].*left unchanged, still watching/,
    );
    writeFileSync(project.file("redocly.yaml"), config);
    expect(await watch!.nextLine(lineDeadline)).toMatch(
      /redocly\.yaml changed → (wrote|unchanged) generated\/trieve\.ts/,
    );
  }, 180_000);
});
