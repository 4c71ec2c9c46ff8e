import { formatCompileError } from "./compile-gate.js";
import { operationKey, type Change, type OperationDiff } from "./spec-diff.js";
import { groupOperations, type UpdateReport } from "./update-report.js";
import { bumpText, lintLine, verdictText, type UpdateSummary } from "./update-summary.js";

/** GitHub rejects a pull-request body over 65,536 characters; a margin for what the workflow may add. */
export const maxBodyLength = 60_000;

/** A list longer than this goes inside `<details>`, so that the page opens on the verdict and src/. */
const foldAfterLines = 10;

/** Which change lines the listed operations carry: all, the breaking ones only, or none (counts only). */
type Detail = "all" | "breaking" | "none";

const code = (text: string) => `\`${text.replaceAll("`", "'")}\``;
const name = (o: { method: string; path: string; operationId?: string | undefined }) =>
  `${code(operationKey(o.method, o.path))}${o.operationId ? ` (${code(o.operationId)})` : ""}`;
const changeLine = (c: Change) =>
  `  - ${c.breaking ? "✖" : "·"} ${c.message} ${c.in === "old" ? "(was at" : "(at"} ${code(`#${c.pointer}`)})`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function operationLines(o: OperationDiff, detail: Detail): string[] {
  if (o.status === "removed") return [`- ✖ ${name(o)}`];
  if (o.status === "added") return [`- ${name(o)}`];
  const renamed = o.previousOperationId !== undefined ? `, renamed from ${code(o.previousOperationId)}` : "";
  const shown = detail === "all" ? o.changes : detail === "breaking" ? o.changes.filter((c) => c.breaking) : [];
  const hidden = o.changes.length - shown.length;
  const more =
    hidden === 0 ? "" : shown.length > 0 ? ` (${hidden} more not listed)` : ` (${plural(hidden, "change")} not listed)`;
  return [`- ${name(o)}${renamed}${more}`, ...shown.map(changeLine)];
}

/**
 * The pull-request body that `spec:update --markdown <file>` writes: the silent change (when there is one), the
 * verdict and the bump, the operations src/ calls, the compile gate's errors, the other operations grouped as the
 * text report groups them (long lists folded), and the lint summary. When it would be too long for GitHub, the
 * non-breaking change lines and then all change lines give way to counts; the operations are always listed.
 */
export function formatMarkdown(report: UpdateReport, summary: UpdateSummary): string {
  for (const detail of ["all", "breaking"] as const) {
    const body = render(report, summary, detail);
    if (body.length <= maxBodyLength) return body;
  }
  return render(report, summary, "none");
}

function render(report: UpdateReport, summary: UpdateSummary, detail: Detail): string {
  const { counts, from, to } = report;
  const lines: string[] = [];
  if (summary.silentChange)
    lines.push(
      `> ⚠️ **Silent change**: ${plural(counts.added + counts.removed + counts.changed, "operation")} changed, ` +
        `but \`info.version\` is still ${to.version}.`,
      "",
    );
  const verdict = verdictText(summary);
  lines.push(
    `**${verdict.charAt(0).toUpperCase()}${verdict.slice(1)}** · bump: **${bumpText(summary)}**`,
    "",
    `Trieve spec ${from.version ?? "(no version)"} → ${to.version ?? "(no version)"}, from ${code(to.source)}. ` +
      `Operations: ${counts.added} added, ${counts.removed} removed, ${counts.changed} changed` +
      (counts.renamed > 0 ? ` (${plural(counts.renamed, "operationId")} renamed)` : "") +
      `; changes: ${counts.breakingChanges} breaking, ${counts.nonBreakingChanges} non-breaking.`,
    "",
    `### Called by \`src/\``,
    "",
  );
  for (const c of report.calledBySrc) {
    const mark = c.breaking ? "✖" : c.status === "unchanged" ? "=" : "·";
    lines.push(
      `- ${mark} ${name(c)} by \`${c.by}()\`: ${c.status}${c.breaking ? ", **breaking for the wrapper**" : ""}`,
    );
    for (const change of c.status === "changed" ? c.changes : []) lines.push(changeLine(change));
  }

  if (summary.compileErrors.length > 0)
    lines.push(
      "",
      `### Does not compile against the new types (${summary.compileErrors.length})`,
      "",
      "The project's own code (`src/`, `examples/`, the type tests) must be fixed before this is merged:",
      "",
      "```",
      ...summary.compileErrors.map(formatCompileError),
      "```",
    );

  const called = new Set(report.calledBySrc.map((c) => operationKey(c.method, c.path)));
  const others = report.operations.filter((o) => !called.has(operationKey(o.method, o.path)));
  for (const group of groupOperations(others)) {
    const list = group.operations.flatMap((o) =>
      group.kind === "renamed"
        ? [`- ${code(operationKey(o.method, o.path))}: ${code(o.previousOperationId!)} → ${code(o.operationId!)}`]
        : operationLines(o, detail),
    );
    lines.push("", `### ${group.title} (${group.operations.length})`, "");
    if (list.length > foldAfterLines)
      lines.push(
        `<details><summary>${plural(group.operations.length, "operation")}</summary>`,
        "",
        ...list,
        "",
        "</details>",
      );
    else lines.push(...list);
  }

  lines.push("", "### Lint", "", lintLine(summary.lint));
  if (detail !== "all")
    lines.push(
      "",
      `_Some change lines are left out to fit GitHub's size limit: \`npm run spec:update -- ${to.source}\` lists them all._`,
    );
  return `${lines.join("\n")}\n`;
}
