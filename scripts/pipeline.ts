import { checkSourceText } from "./check-source-text.js";
import { formatCode } from "./format-code.js";
import { sha256 } from "./fingerprint.js";
import { addHeader } from "./generated-header.js";
import { generateTypes } from "./generate-types.js";
import { lintSpec, type LintResult } from "./lint-spec.js";
import { abs, files } from "./project-files.js";
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
}

/**
 * spec text → the exact bytes of generated/trieve.ts: lint → generate → format → typecheck.
 * Nothing here writes a file; the caller writes the result only once every step has passed.
 */
export async function buildGeneratedFile(
  specText: string,
  inputs: string,
  log: Log,
  { specPath = abs(files.spec), lint = true }: BuildOptions = {},
): Promise<string> {
  checkSourceText(specText, files.spec);
  if (lint) await step(log, "lint", () => lintSpec(specText, specPath, abs(files.lintConfig), files.spec), lintSummary);
  const raw = await step(log, "generate", () => generateTypes(specPath, files.spec));
  const formatted = await step(log, "format", () => formatCode(raw));
  const text = addHeader(formatted, files.spec, { spec: sha256(specText), inputs });
  await step(
    log,
    "typecheck",
    () => typecheck(text, files.output),
    () => "strict, noUncheckedIndexedAccess",
  );
  return text;
}
