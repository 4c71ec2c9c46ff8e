import path from "node:path";
import type * as TS from "typescript";

/**
 * A TypeScript compiler host that serves `text` as the file `fileName`, which is not on disk (yet), and
 * reads every other file from disk: how both typechecks (codegen/typecheck.ts, spec-diff/compile-gate.ts)
 * check generated code before anything is written.
 */
export function inMemoryHost(
  ts: typeof TS,
  options: TS.CompilerOptions,
  fileName: string,
  text: string,
): TS.CompilerHost {
  const host = ts.createCompilerHost(options);
  const target = path.resolve(fileName);
  const isTarget = (f: string) => path.resolve(f) === target;
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => isTarget(f) || fileExists.call(host, f);
  host.readFile = (f) => (isTarget(f) ? text : readFile.call(host, f));
  host.getSourceFile = (f, languageVersion, ...rest) =>
    isTarget(f) ? ts.createSourceFile(f, text, languageVersion) : getSourceFile.call(host, f, languageVersion, ...rest);
  return host;
}
