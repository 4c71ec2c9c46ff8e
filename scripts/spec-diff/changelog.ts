import { codeSpan } from "./code-span.js";
import { formatCompileError } from "./compile-gate.js";
import { messageMarkdown } from "./message.js";
import { operationKey } from "./spec-diff.js";
import type { UpdateReport } from "./update-report.js";
import type { UpdateSummary } from "./update-summary.js";

/** Where a new CHANGELOG.md starts; entries go below it, newest first. */
const heading = `# Changelog

Every update of \`spec/trieve.yaml\` by \`npm run spec:update\` adds an entry here, newest first: the package
version, the bump it called for, what changed in the spec, and what breaks.
`;

// Every string from the spec is a code span, as in the pull-request body (markdown-report.ts).
const code = codeSpan;
const specVersion = (v: string | undefined) => (v === undefined ? "(no version)" : code(v));
const name = (o: { method: string; path: string; operationId?: string | undefined }) =>
  `${code(operationKey(o.method, o.path))}${o.operationId ? ` (${code(o.operationId)})` : ""}`;
const uniqueLines = (lines: string[]) => [...new Set(lines)];

/**
 * The entry of one written update. `bumped` says whether package.json got the new version (`--bump`); without it
 * the entry is "Unreleased" and names the bump that is due.
 */
export function changelogEntry(report: UpdateReport, summary: UpdateSummary, date: string, bumped: boolean): string {
  const { counts } = report;
  const { bump, version } = summary;
  const bumpText =
    bump === "none"
      ? "no bump"
      : bumped
        ? `${bump} bump (${version.from} → ${version.to})`
        : `${bump} bump due (${version.from} → ${version.to}; not applied)`;
  const lines = [
    `## ${bumped && bump !== "none" ? version.to : "Unreleased"} (${date})`,
    "",
    `Trieve spec ${specVersion(report.from.version)} → ${specVersion(report.to.version)}: ${summary.verdict}, ${bumpText}` +
      (summary.silentChange ? `, a silent change (same \`info.version\`)` : "") +
      ".",
    `Operations: ${counts.added} added, ${counts.removed} removed, ${counts.changed} changed` +
      (counts.renamed > 0 ? ` (${counts.renamed} operationIds renamed)` : "") +
      `; changes: ${counts.breakingChanges} breaking, ${counts.warningChanges} warning, ${counts.infoChanges} info` +
      (summary.compileErrors.length > 0 ? `; ${summary.compileErrors.length} compile errors in our code` : "") +
      (summary.typeTestErrors.length > 0 ? `; ${summary.typeTestErrors.length} type-test errors to update` : "") +
      ".",
  ];
  // The breaking items are the changes at level `breaking` (warnings and infos are in the pull request's body).
  // Without the pointers, one change seen at two places reads twice: each line is kept once.
  const breaking = uniqueLines(
    report.operations.flatMap((o) =>
      o.changes.filter((c) => c.level === "breaking").map((c) => `- ${name(o)}: ${messageMarkdown(c.parts)}`),
    ),
  );
  const errors = summary.compileErrors.map((e) => `- ${code(formatCompileError(e))}`);
  if (breaking.length > 0) lines.push("", "Breaking:", "", ...breaking);
  if (errors.length > 0) lines.push("", "Does not compile against the new types (fix before release):", "", ...errors);
  return `${lines.join("\n")}\n`;
}

/** CHANGELOG.md with the entry on top, below the file's heading (created when there is no file yet). */
export function addChangelogEntry(current: string | undefined, entry: string): string {
  const text = current ?? heading;
  const firstEntry = text.search(/^## /m);
  if (firstEntry === -1) return `${text.trimEnd()}\n\n${entry}`;
  return `${text.slice(0, firstEntry)}${entry}\n${text.slice(firstEntry)}`;
}
