import type { LintResult } from "../codegen/lint-spec.js";
import { bumpFor, nextVersion, type Bump, type Impact } from "./bump.js";
import { formatCompileError, type CompileError, type CompileGateResult } from "./compile-gate.js";
import { missingCalledLines, type UpdateReport } from "./update-report.js";

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
}

export function summarize(
  report: UpdateReport,
  compile: CompileGateResult,
  lint: LintResult,
  packageVersion: string,
  filesChange: boolean,
): UpdateSummary {
  const { counts } = report;
  const operationsChange = counts.added + counts.removed + counts.changed > 0;
  // Only changes at level `breaking` count: warnings and infos alone leave an update "additions only".
  const verdict: Verdict =
    counts.breakingChanges > 0 || compile.errors.length > 0
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
  };
}

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
  lines.push("", `verdict:    ${verdictLine(summary, report.counts.warningChanges)}`);
  return lines.join("\n");
}
