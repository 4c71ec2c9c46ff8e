import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as TS from "typescript";
import { inMemoryHost } from "../shared/in-memory-host.js";
import { PipelineError } from "../shared/pipeline-error.js";
import { parseTsc7Errors, runTsc7, type Tsc7Error } from "../shared/tsc7.js";

// TypeScript 7's tsc checks Trieve 0.13.0's output in about 0.2 s of CPU, against 0.65 s for 5.9 in process
// with TypeScript already loaded (shared/tsc7.ts). `require` for 5.9, which --watch uses in process.
const require = createRequire(import.meta.url);

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
    const { code: exit, output } = await runTsc7(["-p", dir, "--pretty", "false"], dir);
    const errors = parseTsc7Errors(output);
    if (errors.length === 0) {
      if (exit === 0) return;
      throw new Error(`tsc7 exited with ${exit} and no diagnostic: ${output.slice(0, 500)}`);
    }
    throw typesDoNotCompile(errors, shownAs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The step's error for tsc7's errors in the generated code (at least one): the first, where it is in `shownAs`,
 * and how many more. Also spec:update's, whose compile gate checks the new types in its own program
 * (spec-diff/update-check.ts).
 */
export function typesDoNotCompile(errors: readonly Tsc7Error[], shownAs: string): PipelineError {
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return new PipelineError(
    `the generated types do not compile: ${first.message}${more}`,
    { file: shownAs, line: first.file ? first.line : undefined, column: first.file ? first.column : undefined },
    first.code,
  );
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
