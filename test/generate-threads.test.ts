import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { PipelineError } from "../scripts/shared/pipeline-error.js";
import { startPipelineThread, type PipelineThread } from "../scripts/codegen/pipeline-thread.js";
import { buildGeneratedFile } from "../scripts/codegen/pipeline.js";

// Without the fix, the recursive fixture's types do not compile (TS2502): the typecheck's failure path.
// Only this thread's copy is replaced: generate runs here, the worker thread only lints and formats.
vi.mock("../scripts/codegen/fix-recursive-types.js", () => ({
  fixRecursiveTypes: (nodes: unknown[]) => ({ nodes: [...nodes], hoisted: new Map() }),
}));

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const inputs = "0".repeat(64);

/**
 * One real second thread for the file, as `--watch` keeps one for all its runs: starting it loads Redocly and
 * prettier, and each test's runs use it in turn (a failed run leaves it usable, as the third test shows).
 */
let real: PipelineThread;
beforeAll(() => {
  real = startPipelineThread();
});
afterAll(() => real?.close(false));

/** The second thread, recording the code it is asked to format in this test. */
function recordingThread(): { thread: PipelineThread; formatted: string[] } {
  const formatted: string[] = [];
  return { thread: { ...real, format: (code) => (formatted.push(code), real.format(code)) }, formatted };
}

async function failure(run: Promise<unknown>): Promise<PipelineError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PipelineError);
  return error as PipelineError;
}

describe("generate with a second thread (pipeline-thread.ts) gives what one thread gives", () => {
  it("the same bytes on the seed", async () => {
    const spec = fixture("seed/trieve.yaml");
    const text = readFileSync(spec, "utf8");
    const alone = await buildGeneratedFile(text, inputs, () => {}, { specPath: spec });
    const { thread, formatted } = recordingThread();
    const lines: string[] = [];
    expect(await buildGeneratedFile(text, inputs, (line) => lines.push(line), { specPath: spec, thread })).toBe(alone);
    // lint's line comes first, although lint ran beside generation; the second thread formatted the types once,
    // then the table of scoped operations
    expect(lines.map((line) => line.split(/\s/)[0])).toEqual(["lint", "generate", "format", "typecheck"]);
    expect(formatted).toHaveLength(2);
    expect(formatted[1]).toContain("export const scopedOperations");
    expect(alone).not.toContain(formatted[0]);
  });

  it("a typecheck failure names the same line and column of generated/trieve.ts", async () => {
    const spec = fixture("recursive/recursive-schemas.yaml");
    const text = readFileSync(spec, "utf8");
    const alone = await failure(buildGeneratedFile(text, inputs, () => {}, { specPath: spec, lint: false }));
    expect(String(alone)).toMatch(/^generated\/trieve\.ts:\d+:\d+: \[TS2502\] the generated types do not compile/);
    const { thread, formatted } = recordingThread();
    const threaded = await failure(buildGeneratedFile(text, inputs, () => {}, { specPath: spec, lint: false, thread }));
    expect(String(threaded)).toBe(String(alone));
    expect(formatted).toHaveLength(2); // the types, then the table
  });

  it("lint's error wins over generation's, as in one thread", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "trieve-threads-"));
    const spec = path.join(dir, "trieve.yaml");
    const broken = `${readFileSync(fixture("seed/trieve.yaml"), "utf8")}\n  broken: [\n`;
    writeFileSync(spec, broken);
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const alone = await failure(buildGeneratedFile(broken, inputs, () => {}, { specPath: spec }));
    expect(String(alone)).toMatch(/\[parser\] not valid YAML/);
    const threaded = buildGeneratedFile(broken, inputs, () => {}, { specPath: spec, thread: real });
    expect(String(await failure(threaded))).toBe(String(alone));
  });
});
