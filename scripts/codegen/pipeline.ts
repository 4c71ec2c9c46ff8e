import { checkSourceText } from "./check-source-text.js";
import { formatCode } from "./format-code.js";
import { sha256 } from "./fingerprint.js";
import { addHeader } from "./generated-header.js";
import { generateTypes } from "./generate-types.js";
import { lintSpec, type LintResult } from "./lint-spec.js";
import { abs, files } from "../shared/project-files.js";
import { settle, type Outcome, type PipelineThread } from "./pipeline-thread.js";
import { typecheck } from "./typecheck.js";

export type Log = (line: string) => void;

/** Runs one step and logs its name and duration, so a slow step is visible at a glance. */
export async function step<T>(
  log: Log,
  name: string,
  run: () => T | Promise<T>,
  summary?: (result: T) => string,
): Promise<T> {
  const start = performance.now();
  const result = await run();
  const ms = Math.round(performance.now() - start);
  log(`${name.padEnd(10)}${String(ms).padStart(6)} ms${summary ? `  ${summary(result)}` : ""}`);
  return result;
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
   * A second thread (pipeline-thread.ts) for a cold `npm run generate`: it lints while this thread
   * generates, and typechecks while this thread formats. Without it every step runs here, one after
   * the other (watch mode is warm, and a save's steps take milliseconds).
   */
  thread?: PipelineThread;
}

/** Logs a step's line and returns its value, or throws its error. */
function report<T>(log: Log, name: string, outcome: Outcome<T>, summary?: (result: T) => string): T {
  if (!outcome.ok) throw outcome.error;
  const ms = Math.round(outcome.ms);
  log(`${name.padEnd(10)}${String(ms).padStart(6)} ms${summary ? `  ${summary(outcome.value)}` : ""}`);
  return outcome.value;
}

const typecheckSummary = "strict, noUncheckedIndexedAccess";

/**
 * spec text → the exact bytes of generated/trieve.ts: lint → generate → format → typecheck.
 * Nothing here writes a file; the caller writes the result only once every step has passed.
 */
export async function buildGeneratedFile(
  specText: string,
  inputs: string,
  log: Log,
  { specPath = abs(files.spec), lint = true, thread }: BuildOptions = {},
): Promise<string> {
  checkSourceText(specText, files.spec);
  const lintArgs = { specText, specPath, configPath: abs(files.lintConfig), shownAs: files.spec };
  if (!thread) {
    if (lint) await step(log, "lint", () => lintSpec(specText, specPath, lintArgs.configPath, files.spec), lintSummary);
    const raw = await step(log, "generate", () => generateTypes(specPath, files.spec));
    const formatted = await step(log, "format", () => formatCode(raw));
    const text = addHeader(formatted, files.spec, { spec: sha256(specText), inputs });
    await step(
      log,
      "typecheck",
      () => typecheck(text, files.output),
      () => typecheckSummary,
    );
    return text;
  }

  // With a second thread. Generation starts on a document that lint has not passed yet, but lint's
  // verdict is reported first, whatever generation did: a lint error explains a generation error.
  const linted = lint ? thread.lint(lintArgs) : undefined;
  thread.warm();
  const generated = await settle(() => generateTypes(specPath, files.spec));
  if (linted) report(log, "lint", await linted, lintSummary);
  const raw = report(log, "generate", generated);
  // Formatting changes no type, so the unformatted code is checked while it is formatted. Only a
  // failure is checked again, on the final text, so that its message points at the file's own lines.
  const checked = thread.typecheck(raw, files.output);
  const formatted = report(log, "format", await settle(() => formatCode(raw)));
  const text = addHeader(formatted, files.spec, { spec: sha256(specText), inputs });
  let outcome = await checked;
  if (!outcome.ok) outcome = await thread.typecheck(text, files.output);
  report(log, "typecheck", outcome, () => `${typecheckSummary} (on the second thread, during format)`);
  return text;
}
