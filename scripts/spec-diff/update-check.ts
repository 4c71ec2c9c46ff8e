import { typecheck, typesDoNotCompile } from "../codegen/typecheck.js";
import { files } from "../shared/project-files.js";
import {
  compileGate,
  compileGateRoots,
  gateVerdict,
  typecheckOverlay,
  type CompileError,
  type CompileGateResult,
} from "./compile-gate.js";
import { compileCorpora, corpusProgram, type CorpusPair, type CorpusResult } from "./corpus-compile.js";

/** What spec:update's compiler says about the new types. */
export interface UpdateCheck {
  /** the compile gate's verdict (compile-gate.ts) */
  gate: CompileGateResult;
  /** the usage corpus's (corpus-compile.ts); undefined when there are no old types to write it from */
  corpus: CorpusResult | undefined;
  /** when each verdict was known, in ms from the start: the three steps' lines */
  ms: { typecheck: number; compile: number; corpus: number };
  /** true when they ran as three programs (a syntax error, below) */
  apart: boolean;
}

/**
 * spec:update's three checks of the new generated types in one tsc7 program, where they were three processes:
 * - the pipeline's typecheck: generated/trieve.ts itself compiles. An error there stops the update as the
 *   pipeline's step does, with its message (typecheck.ts), pointing at generated/trieve.ts;
 * - the compile gate: src/, examples/ and the type tests against the new types (compile-gate.ts). Only the
 *   files with errors are checked again against the committed types, in a second process, as before;
 * - the usage corpus, when there are old types: a caller of every operation of the old spec, against the new
 *   types (corpus-compile.ts), here importing the gate's generated/trieve.ts.
 * One process reads the lib files, @types/node, openapi-fetch and the new types once, and checks the new types
 * once: on 0.12.1 → 0.13.0 about half the CPU of the three processes (docs/spec-bot.md). The program uses the
 * project's tsconfig.json, which is strict with noUncheckedIndexedAccess as the pipeline's typecheck is; it has
 * more lib files (DOM, @types/node), which generated types, made only of interfaces and type aliases over the
 * spec's schemas, do not name.
 *
 * tsc skips every file's semantic checks when one file has a syntax error (or the config one): one part's
 * syntax error would then hide the others' errors. In that case the three checks run apart, as they used to.
 */
export async function checkUpdate(
  newTypes: string,
  pair: Omit<CorpusPair, "newTypes"> | undefined,
): Promise<UpdateCheck> {
  const start = performance.now();
  const since = () => Math.round(performance.now() - start);
  const gateFiles = compileGateRoots();
  const corpus = pair && corpusProgram([{ ...pair, newTypes }], { newTypesAt: files.output });
  const all = await typecheckOverlay(
    { [files.output]: newTypes, ...corpus?.written },
    [files.output, ...gateFiles, ...(corpus?.roots ?? [])],
    { copyProject: true },
  );
  if (mayHideErrors(all)) return apart(newTypes, pair, start);

  const inTypes = all.filter((e) => e.file === files.output);
  if (inTypes.length > 0) throw typesDoNotCompile(inTypes, files.output);
  const typecheckMs = since();
  const inCorpus = new Set(Object.keys(corpus?.written ?? {}));
  const corpusResult = corpus?.results(all.filter((e) => inCorpus.has(e.file)))[0];
  const corpusMs = since();
  const gate = await gateVerdict(
    all.filter((e) => !inCorpus.has(e.file)),
    gateFiles,
  );
  return {
    gate,
    corpus: corpusResult,
    ms: { typecheck: typecheckMs, compile: since(), corpus: corpusMs },
    apart: false,
  };
}

/**
 * Whether tsc may have skipped the semantic checks: an error of the config (no file: typecheckOverlay names
 * tsconfig.json), or only errors that could be syntax errors (TS1xxx). Some TS1xxx are semantic (TS1360, a
 * `satisfies` that fails, as in src/ on the day Trieve removed the operation it calls), and an error of any other
 * code shows that the semantic checks ran: then nothing was hidden, and the one program's answer stands.
 */
const mayHideErrors = (errors: readonly CompileError[]) =>
  errors.some((e) => e.file === "tsconfig.json") ||
  (errors.length > 0 && errors.every((e) => /^TS1\d{3}$/.test(e.code)));

/** The three checks as separate programs: the pipeline's typecheck first, then the gate and the corpus side by side. */
async function apart(
  newTypes: string,
  pair: Omit<CorpusPair, "newTypes"> | undefined,
  start: number,
): Promise<UpdateCheck> {
  const since = () => Math.round(performance.now() - start);
  await typecheck(newTypes, files.output);
  const typecheckMs = since();
  const timed = async <T>(run: Promise<T>) => {
    const value = await run;
    return { value, ms: since() };
  };
  const [gate, corpus] = await Promise.all([
    timed(compileGate(newTypes)),
    timed(pair ? compileCorpora([{ ...pair, newTypes }]).then(([result]) => result) : Promise.resolve(undefined)),
  ]);
  return {
    gate: gate.value,
    corpus: corpus.value,
    ms: { typecheck: typecheckMs, compile: gate.ms, corpus: corpus.ms },
    apart: true,
  };
}
