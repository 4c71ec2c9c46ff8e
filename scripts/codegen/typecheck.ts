import { createRequire } from "node:module";
import type * as TS from "typescript";
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
 * Step 4: typechecks the formatted output on its own, in memory, before anything is written:
 * openapi-typescript can emit types that tsc rejects (a recursive `oneOf` gives TS2502).
 */
export function typecheck(code: string, shownAs: string): void {
  const ts = require("typescript") as typeof TS;
  const fileName = `/virtual/${shownAs}`;
  const host = ts.createCompilerHost(strictOptions);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (f) => f === fileName || ts.sys.fileExists(f);
  host.readFile = (f) => (f === fileName ? code : readFile(f));
  host.getSourceFile = (f, lang, ...rest) =>
    f === fileName ? ts.createSourceFile(f, code, lang) : getSourceFile(f, lang, ...rest);
  const program = ts.createProgram([fileName], strictOptions, host);
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
