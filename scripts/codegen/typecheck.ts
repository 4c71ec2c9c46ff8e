import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { PipelineError } from "../shared/pipeline-error.js";

/**
 * TypeScript 7's `tsc` (the native compiler), installed as the project's `tsc7` (tools/tsc7/tsc7.mjs says why
 * it is not called `tsc`). This step needs diagnostics only, no TypeScript API, and TypeScript 7 checks
 * Trieve 0.13.0's output in about 0.2 s of CPU, against 0.65 s for 5.9 in process with TypeScript already
 * loaded; test/typescript-7.test.ts shows that both report the same diagnostics.
 */
const tsc7 = createRequire(import.meta.url).resolve("tsc7");

/** The options that users of the generated types are most likely to have on. */
const strictOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: false,
  noEmit: true,
  skipLibCheck: true,
  target: "esnext",
  module: "nodenext",
  moduleResolution: "nodenext",
  lib: ["es2022"],
  types: [],
};

/** `generated/trieve.ts(12,5): error TS2502: message`, then a chained message's indented lines. */
const diagnostic = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$|^error (TS\d+): (.*)$/;

function run(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [tsc7, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

/**
 * Step 4: typechecks the generated code on its own, before anything is written: openapi-typescript can emit
 * types that tsc rejects (a recursive `oneOf` gives TS2502). The code goes to a throwaway folder as
 * `shownAs` (so that messages name generated/trieve.ts and its lines), with a tsconfig.json of the options
 * above, and is removed afterwards.
 */
export async function typecheck(code: string, shownAs: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "trieve-typecheck-"));
  try {
    const file = path.join(dir, shownAs);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, code);
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: strictOptions, files: [shownAs] }),
    );
    const { code: exit, output } = await run(["-p", dir, "--pretty", "false"], dir);
    const lines = output.split("\n");
    const errors = lines.flatMap((line, i) => (diagnostic.test(line) ? [i] : []));
    const first = errors[0];
    if (first === undefined) {
      if (exit === 0) return;
      throw new Error(`tsc7 exited with ${exit} and no diagnostic: ${output.slice(0, 500)}`);
    }
    const [, , line, column, fileCode, fileMessage, globalCode, globalMessage] = diagnostic.exec(lines[first]!)!;
    // A chained message goes on as indented lines: one line, as TypeScript's flattenDiagnosticMessageText(…, " ").
    let message = fileMessage ?? globalMessage!;
    for (let i = first + 1; i < lines.length && /^\s+\S/.test(lines[i]!); i++) message += ` ${lines[i]!.trimEnd()}`;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    throw new PipelineError(
      `the generated types do not compile: ${message}${more}`,
      { file: shownAs, line: line ? Number(line) : undefined, column: column ? Number(column) : undefined },
      fileCode ?? globalCode,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
