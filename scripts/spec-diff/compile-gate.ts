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
 * The compile gate, as Stainless runs one before it publishes: typechecks the project's own code that uses
 * the generated types (compileGateFiles) against the NEW generated/trieve.ts, in memory, with the project's
 * tsconfig.json. The compiler host hands out `generatedText` for generated/trieve.ts and reads every other
 * file from disk, so nothing is written before the verdict. Every error counts: a spec change that the
 * differ calls harmless can still break the wrapper (a parameter that became an integer, say).
 */
export function compileGate(generatedText: string): CompileError[] {
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
  const host = inMemoryHost(ts, options, generatedFile, generatedText);
  const program = ts.createProgram(compileGateFiles(), options, host);
  // What getPreEmitDiagnostics(program) reports, less the semantic check of generated/trieve.ts's own body: the
  // pipeline typechecked it a moment ago (strict), and checking its 0.5 MB (0.13.0) again costs ~9 % of the gate.
  // Our files still check every use they make of its types.
  const ours = program
    .getSourceFiles()
    .filter((f) => !f.isDeclarationFile && path.resolve(f.fileName) !== generatedFile);
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
        file: d.file ? path.relative(root, d.file.fileName).split(path.sep).join("/") : "tsconfig.json",
        line: at ? at.line + 1 : 0,
        column: at ? at.character + 1 : 0,
        code: `TS${d.code}`,
        // A chain of messages becomes one line: the report shows one error per line.
        message: ts.flattenDiagnosticMessageText(d.messageText, " ").replace(/\s+/g, " "),
      };
    });
}
