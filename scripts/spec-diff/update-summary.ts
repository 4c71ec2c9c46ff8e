import type { LintResult } from "../codegen/lint-spec.js";
import { bumpFor, nextVersion, type Bump, type Impact } from "./bump.js";
import { formatCompileError, type CompileError, type CompileGateResult } from "./compile-gate.js";
import type { CorpusResult } from "./corpus-compile.js";
import { findDisagreements, type Disagreement } from "./disagreements.js";
import { operationKey } from "./operations.js";
import { missingCalledLines, shortened, type UpdateReport } from "./update-report.js";

/** The one-line verdict of an update: what it does to code written against the current types. */
export type Verdict = "unchanged" | "additions only" | "breaking";

/** What spec:update adds to the differ's report: the verdict, the bump, the compile gate, the lint summary. */
export interface UpdateSummary {
  verdict: Verdict;
  /** the operations changed but `info.version` did not: Trieve does this (25 paths added under 0.13.0 in 6 days) */
  silentChange: boolean;
  /** what the update calls for under semver, for the package's version (see bump.ts) */
  bump: Bump;
  /** the package's version (package.json), and what the bump makes of it */
  version: { from: string; to: string };
  /** new errors of src/ and examples/ against the new types (the compile gate): each one breaks the wrapper */
  compileErrors: CompileError[];
  /** new errors of the type tests (test/), which pin today's exact types: to update, not breaking by themselves */
  typeTestErrors: CompileError[];
  /** errors there against the committed types too: shown, not counted */
  existingErrors: CompileError[];
  lint: LintResult;
  /** spec/ or generated/ would change: false means there is nothing to write */
  filesChange: boolean;
  /** the operations of the old spec whose caller in the usage corpus no longer compiles (corpus-compile.ts) */
  compilerBreaks: number;
  /** the operations of the old spec whose caller still compiles */
  compilerCompiles: number;
  /** where the rules and the compiler disagree, each with its explanation when there is one (disagreements.ts) */
  disagreements: Disagreement[];
  /** errors of the usage corpus against the old types too: the corpus's own, shown and not counted */
  corpusExistingErrors: CompileError[];
}

/** No usage corpus was compiled: the report of a first update, or a test of the report alone. */
export const noCorpus: CorpusResult = { operations: [], existing: [] };

export function summarize(
  report: UpdateReport,
  compile: CompileGateResult,
  lint: LintResult,
  packageVersion: string,
  filesChange: boolean,
  corpus: CorpusResult = noCorpus,
): UpdateSummary {
  const { counts } = report;
  const operationsChange = counts.added + counts.removed + counts.changed > 0;
  const compilerBreaks = corpus.operations.filter((o) => o.compiler === "breaks").length;
  // Only changes at level `breaking` count: warnings and infos alone leave an update "additions only". The
  // compiler is the other judge: an operation whose caller stops compiling makes the update breaking too.
  const verdict: Verdict =
    counts.breakingChanges > 0 || compile.errors.length > 0 || compilerBreaks > 0
      ? "breaking"
      : operationsChange
        ? "additions only"
        : "unchanged";
  const impact: Impact = !filesChange
    ? "none"
    : verdict === "breaking"
      ? "breaking"
      : verdict === "additions only"
        ? "additions"
        : "rewrite";
  const bump = bumpFor(impact, packageVersion);
  return {
    verdict,
    silentChange: operationsChange && report.from.version !== undefined && report.from.version === report.to.version,
    bump,
    version: { from: packageVersion, to: nextVersion(packageVersion, bump) },
    compileErrors: compile.errors,
    typeTestErrors: compile.typeTests,
    existingErrors: compile.existing,
    lint,
    filesChange,
    compilerBreaks,
    compilerCompiles: corpus.operations.length - compilerBreaks,
    disagreements: findDisagreements(report.operations, corpus.operations),
    corpusExistingErrors: corpus.existing,
  };
}

/** `compiler:   3 operations break, 94 compile; rules and compiler agree (2 runtime-only)` */
export function compilerLine(summary: UpdateSummary): string {
  const explained = summary.disagreements.filter((d) => d.explained !== undefined);
  const unexplained = summary.disagreements.length - explained.length;
  const notes = [...new Set(explained.map((d) => d.explained))]
    .map((note) => `${explained.filter((d) => d.explained === note).length} ${note}`)
    .join(", ");
  return (
    `${plural(summary.compilerBreaks, "operation")} break, ${summary.compilerCompiles} compile; ` +
    (unexplained > 0
      ? `${plural(unexplained, "unexplained disagreement")} with the rules`
      : `rules and compiler agree${notes ? ` (${notes})` : ""}`)
  );
}

/** An unexplained disagreement, one line: `POST /items: rules breaking, compiler compiles (request-property-removed)` */
export const disagreementLine = (d: Disagreement) =>
  `${operationKey(d.method, d.path)}: rules ${d.rules}, compiler ${d.compiler}` +
  (d.ruleIds.length > 0 ? ` (${shortened(d.ruleIds.join(", "), 200)})` : "");

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The first line of every report when it applies: a change that `info.version` does not show. */
export function silentChangeLine(report: UpdateReport): string {
  const { added, removed, changed } = report.counts;
  return (
    `⚠ silent change: ${plural(added + removed + changed, "operation")} changed, ` +
    `but info.version is still ${report.to.version}`
  );
}

/**
 * `breaking`, `additions only, nothing breaking`, `unchanged`... Only `breaking` changes (and compile errors) make
 * an update breaking; `warning` changes leave it "additions only", and the verdict says how many to look at.
 */
export function verdictText(summary: UpdateSummary, warnings: number): string {
  const review = warnings > 0 ? `; ${plural(warnings, "warning")} to review` : "";
  const texts: Record<Verdict, string> = {
    breaking: "breaking",
    "additions only": `additions only, nothing breaking${review}`,
    unchanged: summary.filesChange ? "no operation changed (the document did)" : "unchanged",
  };
  return texts[summary.verdict];
}

/** `minor (0.1.0 → 0.2.0)`, or `none` */
export const bumpText = ({ bump, version }: UpdateSummary) =>
  bump === "none" ? "none" : `${bump} (${version.from} → ${version.to})`;

export const verdictLine = (summary: UpdateSummary, warnings: number) =>
  `${verdictText(summary, warnings)}; bump: ${bumpText(summary)}`;

export function lintLine(lint: LintResult): string {
  const warnings = lint.warningsByRule.reduce((n, [, count]) => n + count, 0);
  const byRule = lint.warningsByRule.map(([rule, count]) => `${rule} ×${count}`).join(", ");
  return `${plural(lint.errors, "error")}, ${plural(warnings, "warning")}${byRule ? `: ${byRule}` : ""}`;
}

/**
 * The text report's additions around formatReport: an operation src/ calls that the spec lacks first, then the
 * silent change; the compile gate and the verdict last.
 */
export function formatSummary(report: UpdateReport, summary: UpdateSummary, reportText: string): string {
  const missing = missingCalledLines(report);
  const lines = [
    ...(missing.length > 0 ? [...missing, ""] : []),
    ...(summary.silentChange ? [silentChangeLine(report)] : []),
    reportText,
  ];
  const list = (title: string, mark: string, errors: CompileError[]) => {
    if (errors.length > 0) lines.push("", `${title}:`, ...errors.map((e) => `  ${mark} ${formatCompileError(e)}`));
  };
  list(
    `Does not compile against the new types (${summary.compileErrors.length}), BREAKING for the wrapper`,
    "✖",
    summary.compileErrors,
  );
  list(
    `Type tests to update (${summary.typeTestErrors.length}): they pin today's types; not breaking by themselves`,
    "!",
    summary.typeTestErrors,
  );
  list(
    `Already failing against the current types (${summary.existingErrors.length}), not counted`,
    "·",
    summary.existingErrors,
  );
  const unexplained = summary.disagreements.filter((d) => d.explained === undefined);
  if (unexplained.length > 0)
    lines.push(
      "",
      `Rules and compiler disagree (${unexplained.length}): a rule of scripts/spec-diff/ is wrong, or the usage corpus is:`,
      ...unexplained.map((d) => `  ? ${disagreementLine(d)}`),
    );
  list(
    `Usage corpus errors against the current types too (${summary.corpusExistingErrors.length}), not counted`,
    "·",
    summary.corpusExistingErrors,
  );
  lines.push("");
  if (summary.compilerBreaks + summary.compilerCompiles > 0) lines.push(`compiler:   ${compilerLine(summary)}`);
  lines.push(`verdict:    ${verdictLine(summary, report.counts.warningChanges)}`);
  return lines.join("\n");
}
