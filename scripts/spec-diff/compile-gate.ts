import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as TS from "typescript";
import { inMemoryHost } from "../shared/in-memory-host.js";
import { abs, files, root } from "../shared/project-files.js";

// `require` rather than `import`: Node's ESM loader scans typescript's 9 MB CommonJS file for named
// exports, which costs about 270 ms more (../shared/toolchain-notes.md).
const require = createRequire(import.meta.url);

/** One error of the project's own code against the new generated types. */
export interface CompileError {
  /** relative to the project root, with forward slashes */
  file: string;
  line: number;
  column: number;
  /** `TS2345` */
  code: string;
  message: string;
}

/** `src/user.ts:29:3 TS2345 Argument of type 'number' is not assignable to parameter of type 'string'.` */
export const formatCompileError = (e: CompileError) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`;

/**
 * The code of ours that uses the generated types and must keep compiling: the wrapper, the examples, and
 * the type tests (which pin the wrapper's public types). What they import (test helpers, scripts/shared)
 * comes along through the imports.
 */
export function compileGateFiles(): string[] {
  const list = (dir: string, keep: (name: string) => boolean) => {
    try {
      return (readdirSync(abs(dir), { recursive: true }) as string[])
        .filter((name) => keep(name) && !name.split(path.sep).includes("node_modules"))
        .map((name) => abs(path.join(dir, name)));
    } catch {
      return []; // a project without examples/, say
    }
  };
  const ts = (name: string) => name.endsWith(".ts") && !name.endsWith(".d.ts");
  return [...list("src", ts), ...list("examples", ts), ...list("test", (name) => name.endsWith(".test-d.ts"))].sort();
}

/**
 * What the compile gate found, by what it means for the update:
 * - `errors`: in src/ or examples/ (the public surface and its documented use): the update breaks the wrapper;
 * - `typeTests`: in the type tests under test/, which pin today's exact types (the 400 body is exactly
 *   `{ message: string }`): they are updated with the change, and do not make it breaking by themselves;
 * - `existing`: there against the committed types too (same file, code and message): not the update's doing,
 *   shown and not counted.
 */
export interface CompileGateResult {
  errors: CompileError[];
  typeTests: CompileError[];
  existing: CompileError[];
}

export const noCompileErrors: CompileGateResult = { errors: [], typeTests: [], existing: [] };

/**
 * The compile gate, as Stainless runs one before it publishes: typechecks the project's own code that uses
 * the generated types (compileGateFiles) against the NEW generated/trieve.ts, in memory, with the project's
 * tsconfig.json. The compiler host hands out `generatedText` for generated/trieve.ts and reads every other
 * file from disk, so nothing is written before the verdict.
 *
 * Only when that finds errors, the files that have them are checked again against the COMMITTED
 * generated/trieve.ts, to set apart the errors the project already had. That second program reuses the first
 * one's parsed files (one cache of SourceFiles, and the first program as `oldProgram`), so it costs the
 * checking of those files only; an update without errors, the usual case, pays nothing for it.
 */
export function compileGate(generatedText: string): CompileGateResult {
  const ts = require("typescript") as typeof TS;
  const configFile = abs("tsconfig.json");
  const read = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
  // The project's options (strict, noUncheckedIndexedAccess, NodeNext...); its include list is replaced by ours.
  const { options } = ts.parseJsonConfigFileContent(
    { ...(read.config as object), include: [], files: [] },
    ts.sys,
    root,
    undefined,
    configFile,
  );
  options.noEmit = true;
  const generatedFile = path.resolve(abs(files.output));
  const rootNames = compileGateFiles();
  const parsed = new Map<string, TS.SourceFile>();
  const newHost = sharingSourceFiles(inMemoryHost(ts, options, generatedFile, generatedText), parsed, generatedFile);
  const newProgram = ts.createProgram(rootNames, options, newHost);
  const found = errorsOf(ts, newProgram, generatedFile);
  if (found.length === 0) return noCompileErrors;

  // The same files against the committed types, when there are any (a first update has none to compare with).
  const before: CompileError[] = [];
  if (ts.sys.fileExists(generatedFile)) {
    const oldHost = sharingSourceFiles(ts.createCompilerHost(options), parsed, generatedFile);
    const oldProgram = ts.createProgram(rootNames, options, oldHost, newProgram);
    const withErrors = new Set(found.map((e) => e.file));
    before.push(...errorsOf(ts, oldProgram, generatedFile, (f) => withErrors.has(f)));
  }
  // Matched one for one: the same error twice in a file, once before, leaves one new.
  const unmatched = new Map<string, number>();
  const key = (e: CompileError) => `${e.file}\0${e.code}\0${e.message}`;
  for (const e of before) unmatched.set(key(e), (unmatched.get(key(e)) ?? 0) + 1);
  const result: CompileGateResult = { errors: [], typeTests: [], existing: [] };
  for (const e of found) {
    const left = unmatched.get(key(e)) ?? 0;
    if (left > 0) {
      unmatched.set(key(e), left - 1);
      result.existing.push(e);
    } else if (e.file.startsWith("test/")) result.typeTests.push(e);
    else result.errors.push(e);
  }
  return result;
}

/**
 * The host, with every file but `except` parsed once for both programs: the second program then finds the
 * same SourceFile objects, which is what lets createProgram reuse them (and their binding) from `oldProgram`.
 */
function sharingSourceFiles(host: TS.CompilerHost, parsed: Map<string, TS.SourceFile>, except: string) {
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (path.resolve(fileName) === except) return getSourceFile.call(host, fileName, languageVersion, ...rest);
    let file = parsed.get(fileName);
    if (!file) {
      file = getSourceFile.call(host, fileName, languageVersion, ...rest);
      if (file) parsed.set(fileName, file);
    }
    return file;
  };
  return host;
}

/**
 * What getPreEmitDiagnostics(program) reports, less the semantic check of generated/trieve.ts's own body: the
 * pipeline typechecked it a moment ago (strict), and checking its 0.5 MB (0.13.0) again costs ~9 % of the gate.
 * Our files still check every use they make of its types. `only` limits the semantic check to some of our files.
 */
function errorsOf(
  ts: typeof TS,
  program: TS.Program,
  generatedFile: string,
  only: (file: string) => boolean = () => true,
): CompileError[] {
  const relative = (fileName: string) => path.relative(root, fileName).split(path.sep).join("/");
  const ours = program
    .getSourceFiles()
    .filter((f) => !f.isDeclarationFile && path.resolve(f.fileName) !== generatedFile && only(relative(f.fileName)));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...ours.flatMap((f) => program.getSemanticDiagnostics(f)),
  ];
  return diagnostics
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d): CompileError => {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return {
        file: d.file ? relative(d.file.fileName) : "tsconfig.json",
        line: at ? at.line + 1 : 0,
        column: at ? at.character + 1 : 0,
        code: `TS${d.code}`,
        // A chain of messages becomes one line: the report shows one error per line.
        message: ts.flattenDiagnosticMessageText(d.messageText, " ").replace(/\s+/g, " "),
      };
    });
}
