import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as TS from "typescript";
import { inMemoryHost } from "../shared/in-memory-host.js";
import { PipelineError } from "../shared/pipeline-error.js";

/**
 * TypeScript 7's `tsc` (the native compiler), installed as the project's `tsc7` (tools/tsc7/tsc7.mjs says why
 * it is not called `tsc`). This step needs diagnostics only, no TypeScript API, and TypeScript 7 checks
 * Trieve 0.13.0's output in about 0.2 s of CPU, against 0.65 s for 5.9 in process with TypeScript already
 * loaded; test/typescript-7.test.ts shows that both report the same diagnostics.
 */
const require = createRequire(import.meta.url);
const tsc7 = require.resolve("tsc7");

/** The options that users of the generated types are most likely to have on (as tsconfig.json spells them). */
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
 * types that tsc rejects (a recursive `oneOf` gives TS2502). For a one-off run (`generate`, `spec:update`);
 * `--watch` uses typecheckInProcess below. The code goes to a throwaway folder as
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

/** `strictOptions` as the API takes them (enums, file names of the libs). */
const apiOptions: TS.CompilerOptions = {
  ...strictOptions,
  target: 99 /* ESNext */,
  module: 199 /* NodeNext */,
  moduleResolution: 99 /* NodeNext */,
  lib: ["lib.es2022.d.ts"],
};

/**
 * The lib files (lib.es2022.d.ts and the dozens it references) parsed once per thread: parsing them
 * is most of a typecheck of the seed (about 250 ms). This is what TypeScript's language service does
 * with its document registry; a watch process keeps them, so a save typechecks in tens of ms.
 * They come from node_modules/typescript, which does not change under a running process.
 */
const libFiles = new Map<string, TS.SourceFile | undefined>();

/** The in-memory host (shared/in-memory-host.ts), with the lib files from `libFiles`. */
function compilerHost(ts: typeof TS, fileName: string, code: string): TS.CompilerHost {
  const host = inMemoryHost(ts, apiOptions, fileName, code);
  const libDir = path.dirname(ts.getDefaultLibFilePath(apiOptions));
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (f, languageVersion, ...rest) => {
    if (path.dirname(f) !== libDir) return getSourceFile(f, languageVersion, ...rest);
    if (!libFiles.has(f)) libFiles.set(f, getSourceFile(f, languageVersion, ...rest));
    return libFiles.get(f);
  };
  return host;
}

/**
 * Step 4 for `--watch`, with TypeScript 5.9's API on the thread that has just loaded it for
 * openapi-typescript, in memory, the lib files parsed once: tens of ms a save on the seed, where a tsc7
 * process costs 100–150 ms of start-up each time. The same options and the same diagnostics as `typecheck`
 * (test/typescript-7.test.ts), the same PipelineError.
 */
export function typecheckInProcess(code: string, shownAs: string): void {
  const ts = require("typescript") as typeof TS;
  const fileName = `/virtual/${shownAs}`;
  const program = ts.createProgram([fileName], apiOptions, compilerHost(ts, fileName, code));
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  const first = diagnostics[0];
  if (!first) return;
  const pos =
    first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : undefined;
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : "";
  throw new PipelineError(
    `the generated types do not compile: ${ts.flattenDiagnosticMessageText(first.messageText, " ")}${more}`,
    { file: shownAs, line: pos && pos.line + 1, column: pos && pos.character + 1 },
    `TS${first.code}`,
  );
}
