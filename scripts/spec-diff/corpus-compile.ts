import path from "node:path";
import { typecheckOverlay, type CompileError } from "./compile-gate.js";
import { listOperations, type Obj } from "./operations.js";
import { unchangedOperations } from "./unchanged-operations.js";
import { usageCorpus, type CorpusFile } from "./usage-corpus.js";

/** Which form of the call broke (usage-corpus.ts): the response reads and the operationId count for both. */
export type CallForm = "inline" | "annotated";

/** The compiler's word on one operation of the old spec. */
export interface CompilerVerdict {
  method: string;
  path: string;
  operationId: string | undefined;
  compiler: "breaks" | "compiles";
  compilerErrors: CompileError[];
  breaksForms: CallForm[];
}

/** One update to prove: the old spec, and both generated files (the old types and the new). */
export interface CorpusPair {
  before: Obj;
  /**
   * the new spec, when known: an operation the same in both down to its last `$ref` (unchanged-operations.ts)
   * has the same types, and compiles without being compiled
   */
  after?: Obj;
  oldTypes: string;
  newTypes: string;
}

export interface CorpusResult {
  /** every operation of the old spec, in its order */
  operations: CompilerVerdict[];
  /**
   * errors of the corpus against the OLD types too (same file, line, column and code): the corpus's own fault (a
   * sampled value the generated type does not accept), not the update's; shown, not counted
   */
  existing: CompileError[];
}

/**
 * Compiles the usage corpus of each pair against its new types, in one overlay and one tsc7 process for all
 * the pairs (the tests prove a hundred fixture pairs at once: one process is far faster than a hundred), and
 * gives every error to its operation by its file, and to a form of the call by its line.
 *
 * The same program compiles a copy of each file against the OLD types, to set apart the corpus's own errors, as
 * the compile gate sets apart the errors the project already had: one process parses the types once, where a
 * second process for the files with errors took about 1.5× as long on 0.12.1 → 0.13.0. An operation the same in
 * both specs down to its last `$ref` is not compiled at all (unchanged-operations.ts).
 */
export async function compileCorpora(pairs: readonly CorpusPair[]): Promise<CorpusResult[]> {
  const program = corpusProgram(pairs);
  const all =
    program.roots.length === 0
      ? []
      : await typecheckOverlay(program.written, program.roots, {
          copyProject: false,
          // The corpus uses no Node API: without @types/node, tsc7 has less to read.
          compilerOptions: { types: [] },
        });
  return program.results(all);
}

/** The files of a corpus program, and what its errors say about each pair. */
export interface CorpusProgram {
  /** relative path in the overlay → text (typecheckOverlay's `written`) */
  written: Record<string, string>;
  /** the files to compile; none when every operation is unchanged */
  roots: string[];
  /** each pair's result, from the errors of the program (those of other files are left alone) */
  results(errors: readonly CompileError[]): CorpusResult[];
}

/**
 * The corpus of each pair as files to compile, for compileCorpora's overlay or, with `newTypesAt`, for one that
 * already holds the new types (spec:update's program, update-check.ts: generated/trieve.ts, which it checks as
 * the pipeline's typecheck would).
 */
export function corpusProgram(
  pairs: readonly CorpusPair[],
  { newTypesAt }: { newTypesAt?: string } = {},
): CorpusProgram {
  if (newTypesAt !== undefined && pairs.length > 1) throw new Error("newTypesAt holds the new types of one pair");
  const dirs = pairs.map((_, i) => (pairs.length === 1 ? ".corpus" : `.corpus/${i}`));
  const specifier = (dir: string, file: string) => path.posix.relative(`${dir}/ops`, file).replace(/\.ts$/, ".js");
  const newTypesFile = (dir: string) => newTypesAt ?? `${dir}/new-types.ts`;
  const oldTypesFile = (dir: string) => `${dir}/old-types.ts`;
  // What each corpus's files import the types as, from their ops/ folder.
  const imports = dirs.map((dir) => ({
    newTypes: specifier(dir, newTypesFile(dir)),
    oldTypes: specifier(dir, oldTypesFile(dir)),
  }));
  const corpora = pairs.map((pair, i) => usageCorpus(pair.before, { dir: dirs[i]!, ...imports[i]! }));
  const unchanged = pairs.map((pair) => (pair.after ? unchangedOperations(pair.before, pair.after) : new Set()));
  const toCompile = corpora.map((corpus, i) => corpus.filter((f) => !unchanged[i]!.has(`${f.method} ${f.path}`)));
  // One program: each file as written (against the new types), and a copy of it under `baseline/` against the
  // old types, to set apart the corpus's own errors. One tsc7 process parses the types and the lib files once.
  const baselineOf = (file: string) => file.replace(/\/ops\//, "/baseline/ops/");
  const written: Record<string, string> = {};
  const roots: string[] = [];
  pairs.forEach((pair, i) => {
    if (toCompile[i]!.length === 0) return;
    const dir = dirs[i]!;
    if (newTypesAt === undefined) written[newTypesFile(dir)] = pair.newTypes;
    written[oldTypesFile(dir)] = pair.oldTypes;
    const { newTypes, oldTypes } = imports[i]!;
    for (const f of toCompile[i]!) {
      written[f.file] = f.text;
      // The copy imports the old types for both: the corpus against the types it was written for.
      written[baselineOf(f.file)] = f.text
        .replace(`from "${oldTypes}"`, `from "../${oldTypes}"`)
        .replace(`from "${newTypes}"`, `from "../${oldTypes}"`);
      roots.push(f.file, baselineOf(f.file));
    }
  });
  const inBaseline = new Set(Object.keys(written).filter((f) => f.includes("/baseline/")));
  return { written, roots, results: (all) => attribute(corpora, all, inBaseline) };
}

/** Each pair's verdicts from the errors of the program: by file to an operation, the baseline's set apart. */
function attribute(
  corpora: readonly CorpusFile[][],
  all: readonly CompileError[],
  inBaseline: ReadonlySet<string>,
): CorpusResult[] {
  const found = all.filter((e) => !inBaseline.has(e.file));
  const before = all
    .filter((e) => inBaseline.has(e.file))
    .map((e) => ({ ...e, file: e.file.replace("/baseline/ops/", "/ops/") }));
  const unmatched = new Map<string, number>();
  // The same corpus text both times: an error at the same place with the same code is the same error (its
  // message may differ, as it quotes the types).
  const key = (e: CompileError) => `${e.file}\0${e.line}\0${e.column}\0${e.code}`;
  for (const e of before) unmatched.set(key(e), (unmatched.get(key(e)) ?? 0) + 1);
  const existing = new Set<CompileError>();
  for (const e of found) {
    const left = unmatched.get(key(e)) ?? 0;
    if (left > 0) {
      unmatched.set(key(e), left - 1);
      existing.add(e);
    }
  }

  return corpora.map((corpus) => {
    const files = new Set(corpus.map((f) => f.file));
    return {
      operations: corpus.map((f) =>
        verdict(
          f,
          found.filter((e) => e.file === f.file && !existing.has(e)),
        ),
      ),
      existing: found.filter((e) => files.has(e.file) && existing.has(e)),
    };
  });
}

function verdict(file: CorpusFile, errors: CompileError[]): CompilerVerdict {
  const within = (line: number, [from, to]: [number, number]) => line >= from && line <= to;
  const forms = new Set<CallForm>();
  for (const e of errors) {
    const inline = within(e.line, file.forms.inline);
    const annotated = within(e.line, file.forms.annotated);
    if (inline || !annotated) forms.add("inline");
    if (annotated || !inline) forms.add("annotated");
  }
  return {
    method: file.method,
    path: file.path,
    operationId: file.operationId,
    compiler: errors.length > 0 ? "breaks" : "compiles",
    compilerErrors: errors,
    breaksForms: (["inline", "annotated"] as const).filter((f) => forms.has(f)),
  };
}

/** When the generated types do not change, nothing can break: every operation compiles, with no need to ask. */
export function allCompile(before: Obj): CorpusResult {
  return {
    operations: [...listOperations(before).values()].map(({ ref, op }) => ({
      ...ref,
      operationId: typeof op.operationId === "string" ? op.operationId : undefined,
      compiler: "compiles",
      compilerErrors: [],
      breaksForms: [],
    })),
    existing: [],
  };
}
