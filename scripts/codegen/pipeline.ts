import { checkSourceText } from "./check-source-text.js";
import { formatCode } from "./format-code.js";
import { addHeader, sha256 } from "./generated-header.js";
import { generateTypesAndTable } from "./generate-types.js";
import { lintSpec, type LintResult } from "./lint-spec.js";
import { abs, files } from "../shared/project-files.js";
import { settle, thisThread, type Outcome, type PipelineThread } from "./pipeline-thread.js";
import { scopedHeadersModule } from "./scoped-headers.js";
import { typecheck, typecheckInProcess } from "./typecheck.js";

export type Log = (line: string) => void;

/** Runs one step here, logs its line, and returns its value. */
export async function step<T>(
  log: Log,
  name: string,
  run: () => T | Promise<T>,
  summary?: (result: T) => string,
): Promise<T> {
  return report(log, name, await settle(run), summary);
}

/**
 * Logs a step's line, with its duration so that a slow step is visible at a glance, and returns its
 * value; or throws its error. The one formatter of step lines, wherever the step ran.
 */
export function report<T>(log: Log, name: string, outcome: Outcome<T>, summary?: (result: T) => string): T {
  if (!outcome.ok) throw outcome.error;
  const ms = String(Math.round(outcome.ms)).padStart(6);
  log(`${name.padEnd(10)}${ms} ms${summary ? `  ${summary(outcome.value)}` : ""}`);
  return outcome.value;
}

export function lintSummary(result: LintResult): string {
  const warnings = result.warningsByRule.reduce((n, [, count]) => n + count, 0);
  const byRule = result.warningsByRule.map(([rule, count]) => `\n            warn ${rule} x${count}`).join("");
  return `0 errors, ${warnings} warning${warnings === 1 ? "" : "s"}${byRule}`;
}

export interface BuildOptions {
  /**
   * The file that holds `specText`, read by openapi-typescript (defaults to spec/trieve.yaml).
   * spec:update passes a temp file beside it, since spec/trieve.yaml is replaced only at the end.
   */
  specPath?: string;
  /** false when the caller has just linted this same document (spec:update lints the source it was given) */
  lint?: boolean;
  /**
   * Where lint and format run (defaults to this thread). A cold `npm run generate` passes a second
   * thread (pipeline-thread.ts): it lints while this thread generates, and formats while the typecheck
   * runs. Watch mode is warm, and a save's steps take milliseconds: it stays on one.
   */
  thread?: PipelineThread;
  /**
   * true in `--watch`: the typecheck runs in this process, with TypeScript 5.9's API and the lib files kept
   * from the last save, instead of a tsc7 process each time (typecheck.ts)
   */
  warm?: boolean;
  /**
   * false to leave out step 4: spec:update checks the new types in its compile gate's program instead, with the
   * code that uses them (spec-diff/update-check.ts), and runs `typecheck` itself when they have not changed
   */
  typecheck?: boolean;
}

export const typecheckSummary = "strict, noUncheckedIndexedAccess";

/** What the pipeline writes into generated/, each text with its header. */
export interface GeneratedFiles {
  /** generated/trieve.ts, openapi-typescript's types */
  types: string;
  /** generated/scoped-headers.ts, the operations that declare TR-Dataset or TR-Organization (scoped-headers.ts) */
  scopedHeaders: string;
}

/** buildGeneratedFiles, for callers that need only generated/trieve.ts. */
export async function buildGeneratedFile(
  specText: string,
  inputs: string,
  log: Log,
  options: BuildOptions = {},
): Promise<string> {
  return (await buildGeneratedFiles(specText, inputs, log, options)).types;
}

/**
 * spec text → the exact bytes of generated/trieve.ts and generated/scoped-headers.ts, in four steps:
 *   1. lint       with redocly.yaml (lint-spec.ts)
 *   2. generate   with openapi-typescript (generate-types.ts), and the table of scoped operations from the
 *                 same nodes (scoped-headers.ts)
 *   3. format     both with prettier (format-code.ts), then the header (generated-header.ts), the same on both
 *   4. typecheck  strict, by TypeScript 7's tsc in a child process, or in process when warm (typecheck.ts)
 *                 (or left to the caller, with `typecheck: false`)
 * The lines are logged in this order wherever the steps ran. Nothing here writes a file: the caller
 * writes the result only once every step has passed.
 */
export async function buildGeneratedFiles(
  specText: string,
  inputs: string,
  log: Log,
  {
    specPath = abs(files.spec),
    lint = true,
    thread = thisThread,
    warm = false,
    typecheck: withTypecheck = true,
  }: BuildOptions = {},
): Promise<GeneratedFiles> {
  checkSourceText(specText, files.spec);
  const lintJob = { specText, specPath, configPath: abs(files.lintConfig), shownAs: files.spec };

  // 1. On a second thread, lint runs beside generate, which then starts on a document lint has not
  // passed yet; on one thread, lint runs first and its error stops the pipeline there. Either way its
  // verdict is reported first: a lint error explains a generation error.
  const linted = lint ? thread.lint(lintJob) : undefined;
  const reportLint = async () => linted && report(log, "lint", await linted, lintSummary);
  if (!thread.parallel) await reportLint();
  thread.warm();

  // 2.
  const generated = await settle(() => generateTypesAndTable(specPath, files.spec, specText));
  if (thread.parallel) await reportLint();
  const { code: raw, scoped } = report(log, "generate", generated);

  // 3 and 4. Formatting changes no type, so the unformatted code is typechecked (a tsc7 process) while
  // it is formatted (on the second thread, or here). Only a failure is checked again, on the final text,
  // so that its message points at the lines of generated/trieve.ts.
  const formatting = thread.parallel ? thread.format(raw) : undefined;
  const check = (code: string) =>
    settle(() => (warm ? typecheckInProcess(code, files.output) : typecheck(code, files.output)));
  const checking = withTypecheck ? check(raw) : undefined;
  // The table is a few kB: formatted on the same thread as the types, within the format step.
  const formattingTable = thread.format(scopedHeadersModule(scoped, files.spec));
  // What generate leaves behind on this thread (openapi-typescript's document, Redocly's resolved copy of it,
  // TypeScript's nodes: about 200 MiB on the bench's 10× spec) is garbage now. While the second thread
  // formats, this one only waits and allocates nothing, so V8 would keep it all until the end, beside
  // prettier's growing heap in the same process. So it is collected once the typecheck is done and the
  // format still runs: this thread has nothing else to do then, and tsc7 no longer needs the cores (on the
  // seed the typecheck ends last, and a collection before it cost 75 ms). `gc` is there when Node runs
  // with --expose-gc, as `npm run generate` does; elsewhere (tests, spec:update) this does nothing.
  if (formatting && checking) {
    let formatEnded = false;
    void formatting.then(() => (formatEnded = true));
    void checking.then(() => formatEnded || globalThis.gc?.());
  }
  const formatted = report(log, "format", await (formatting ?? thread.format(raw)));
  const stamp = { spec: sha256(specText), inputs };
  const table = await formattingTable;
  if (!table.ok) throw table.error;
  const scopedHeaders = addHeader(table.value, files.spec, stamp);
  const text = addHeader(formatted, files.spec, stamp);
  if (checking === undefined) return { types: text, scopedHeaders };
  let checked = await checking;
  if (!checked.ok) checked = await check(text);
  const where = warm ? " (in process)" : thread.parallel ? " (tsc7, during format on the second thread)" : " (tsc7)";
  report(log, "typecheck", checked, () => `${typecheckSummary}${where}`);
  return { types: text, scopedHeaders };
}
