import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { abs, files, root } from "../shared/project-files.js";
import { parseTsc7Errors, runTsc7 } from "../shared/tsc7.js";

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
 * the generated types (compileGateFiles) against the NEW generated/trieve.ts, with the project's tsconfig.json,
 * on TypeScript 7's `tsc` (tsc7: about 0.4 s on 0.12.1 → 0.13.0, against 1.1–1.9 s for 5.9's API in process;
 * test/typescript-7.test.ts shows the two report the same errors).
 *
 * Only when that finds errors, the files that have them are checked again against the COMMITTED
 * generated/trieve.ts, to set apart the errors the project already had; an update without errors, the usual
 * case, pays nothing for it.
 */
export async function compileGate(generatedText: string): Promise<CompileGateResult> {
  const gateFiles = compileGateFiles().map(relative);
  return gateVerdict(await typecheckAgainst(generatedText, gateFiles), gateFiles);
}

/** compileGateFiles, relative to the root with forward slashes: the roots of the gate's overlay. */
export const compileGateRoots = () => compileGateFiles().map(relative);

/**
 * The compile gate's verdict on `found`, the errors of a program that holds `gateFiles` (compileGateRoots) and
 * the new types: the errors the committed types give too set apart, as described above.
 */
export async function gateVerdict(
  found: readonly CompileError[],
  gateFiles: readonly string[],
): Promise<CompileGateResult> {
  if (found.length === 0) return noCompileErrors;

  // The same files against the committed types, when there are any (a first update has none to compare with).
  const committed = readOrUndefined(abs(files.output));
  const withErrors = [...new Set(found.map((e) => e.file))].filter((f) => gateFiles.includes(f));
  const before = committed === undefined ? [] : await typecheckAgainst(committed, withErrors);
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

const relative = (file: string) => path.relative(root, file).split(path.sep).join("/");

const readOrUndefined = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

/**
 * tsc7 checks a program's files with several checkers at once, four by default, each with its own cache of the
 * types it has resolved: the generated types are resolved again by every checker, and checkers beyond the cores
 * only repeat that work. One checker a core keeps the parallelism the machine has: on two cores, spec:update's
 * program on 0.12.1 → 0.13.0 took 3.8–4.0 s of CPU with two checkers, 4.1–4.6 s with four (3.1–3.5 s with one,
 * on one core's time).
 */
const checkers = String(Math.min(4, availableParallelism()));

/** The folders whose .ts files the gate's files are, or import (test helpers, scripts/shared). */
const copied = ["src", "examples", "test", "scripts"];

/**
 * The errors of `gateFiles` (relative to the root) against `generatedText` as generated/trieve.ts, in an overlay
 * with a copy of the project's code (typecheckOverlay).
 */
function typecheckAgainst(generatedText: string, gateFiles: string[]): Promise<CompileError[]> {
  return typecheckOverlay({ [files.output]: generatedText }, gateFiles, { copyProject: true });
}

/**
 * The errors of `roots` (relative to the overlay's root) in an overlay that holds `written` (relative path →
 * text). TypeScript 7 has no compiler API to hand it a file from memory, so the text goes to disk, in an
 * overlay: a throwaway folder under .cache/ that mirrors the project's layout, with `written` (the compile
 * gate's generated/trieve.ts, the usage corpus of usage-corpus.ts), with `copyProject`, a copy of every .ts
 * file of src/, examples/, test/ and scripts/ (about 0.5 MB), and a tsconfig.json that extends the project's
 * and lists `roots`. Copies, not symlinks: the compiler resolves a symlink to its real path, and
 * `../generated/trieve.js` would then be the project's file. Packages resolve from the project's node_modules,
 * above the overlay. Nothing of the project is written; the overlay is removed afterwards, whatever the verdict.
 */
export async function typecheckOverlay(
  written: Readonly<Record<string, string>>,
  roots: string[],
  { copyProject, compilerOptions = {} }: { copyProject: boolean; compilerOptions?: Record<string, unknown> },
): Promise<CompileError[]> {
  mkdirSync(abs(".cache"), { recursive: true });
  const overlay = mkdtempSync(abs(".cache/compile-gate-"));
  try {
    for (const dir of copyProject ? copied : [])
      if (existsSync(abs(dir)))
        cpSync(abs(dir), path.join(overlay, dir), {
          recursive: true,
          filter: (source) =>
            !source.split(path.sep).includes("node_modules") &&
            !source.split(path.sep).includes("fixtures") &&
            (!path.extname(source) || source.endsWith(".ts")),
        });
    for (const [file, text] of Object.entries(written)) {
      mkdirSync(path.join(overlay, path.dirname(file)), { recursive: true });
      writeFileSync(path.join(overlay, file), text);
    }
    // src/ imports the runtime table too. Its type is the same for any spec (two lists of strings), so the
    // committed one stands in for the new one.
    if (copyProject && existsSync(abs(files.scopedHeaders)))
      cpSync(abs(files.scopedHeaders), path.join(overlay, files.scopedHeaders));
    writeFileSync(
      path.join(overlay, "tsconfig.json"),
      JSON.stringify({
        extends: path.relative(overlay, abs("tsconfig.json")).split(path.sep).join("/"),
        compilerOptions: { noEmit: true, ...compilerOptions },
        include: [],
        files: roots,
      }),
    );
    const { code, output } = await runTsc7(["-p", overlay, "--pretty", "false", "--checkers", checkers], overlay);
    const errors = parseTsc7Errors(output).map(({ file, ...error }): CompileError => ({
      ...error,
      file: file ? path.relative(overlay, path.resolve(overlay, file)).split(path.sep).join("/") : "tsconfig.json",
    }));
    if (code !== 0 && errors.length === 0) throw new Error(`tsc7 failed without a diagnostic: ${output.slice(0, 500)}`);
    return errors;
  } finally {
    rmSync(overlay, { recursive: true, force: true });
  }
}
