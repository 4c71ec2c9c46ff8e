import { createRequire } from "node:module";
import path from "node:path";
import type * as TS from "typescript";
import { inMemoryHost } from "../shared/in-memory-host.js";
import { PipelineError } from "../shared/pipeline-error.js";

// `require` instead of `import`: Node's ESM loader scans the 9 MB CommonJS file of typescript
// for named exports, which costs about 270 ms more (see ../shared/toolchain-notes.md).
const require = createRequire(import.meta.url);

/** The options that users of the generated types are most likely to have on. */
const strictOptions: TS.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: false,
  noEmit: true,
  skipLibCheck: true,
  target: 99 /* ESNext */,
  module: 199 /* NodeNext */,
  moduleResolution: 99 /* NodeNext */,
  lib: ["lib.es2022.d.ts"],
  types: [],
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
  const host = inMemoryHost(ts, strictOptions, fileName, code);
  const libDir = path.dirname(ts.getDefaultLibFilePath(strictOptions));
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (f, languageVersion, ...rest) => {
    if (path.dirname(f) !== libDir) return getSourceFile(f, languageVersion, ...rest);
    if (!libFiles.has(f)) libFiles.set(f, getSourceFile(f, languageVersion, ...rest));
    return libFiles.get(f);
  };
  return host;
}

/**
 * Step 4: typechecks the formatted output on its own, in memory, before anything is written:
 * openapi-typescript can emit types that tsc rejects (a recursive `oneOf` gives TS2502).
 */
export function typecheck(code: string, shownAs: string): void {
  const ts = require("typescript") as typeof TS;
  const fileName = `/virtual/${shownAs}`;
  const program = ts.createProgram([fileName], strictOptions, compilerHost(ts, fileName, code));
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
