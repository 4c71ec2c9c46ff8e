import { codeSpan } from "./code-span.js";
import { formatCompileError, type CompileError } from "./compile-gate.js";
import { messageMarkdown } from "./message.js";
import { levels, type Change, type Level } from "./rules.js";
import { operationKey } from "./spec-diff.js";
import {
  calledMark,
  calledStatusText,
  firstCompilerError,
  groupByLevel,
  marks,
  titles,
  type UpdateReport,
} from "./update-report.js";
import {
  bumpText,
  compilerLine,
  disagreementLine,
  lintLine,
  verdictText,
  type UpdateSummary,
} from "./update-summary.js";

/** GitHub rejects a pull-request body over 65,536 characters; a margin for what the workflow may add. */
export const maxBodyLength = 60_000;

/** A list longer than this goes inside `<details>`, so that the page opens on the verdict and src/. */
const foldAfterLines = 10;

// Every string from the spec (paths, operationIds, versions, the source, and the names inside change messages)
// is a code span: it renders as itself, never as a link, HTML or a mention (code-span.ts, message.ts).
const code = codeSpan;
const name = (o: { method: string; path: string; operationId?: string | undefined }) =>
  `${code(operationKey(o.method, o.path))}${o.operationId ? ` (${code(o.operationId)})` : ""}`;
/** As the text report's change line: the mark, the message, where, then the level and the rule id. */
const changeLine = (c: Change) =>
  `  - ${marks[c.level]} ${messageMarkdown(c.parts)} ${c.in === "old" ? "(was at" : "(at"} ${code(`#${c.pointer}`)}) [${c.level}] ${code(c.id)}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const specVersion = (v: string | undefined) => (v === undefined ? "(no version)" : code(v));

/**
 * Lines in a fenced code block whose fence is longer than any backtick run inside (a compiler message quotes
 * the spec's names), so that no line can close it (CommonMark: a closing fence is at least as long).
 */
function fenced(lines: string[]): string[] {
  const oneLine = lines.map((l) => l.replace(/\r\n|\r|\n/g, "␤"));
  const longestRun = Math.max(0, ...oneLine.flatMap((l) => l.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return [fence, ...oneLine, fence];
}

/**
 * The pull-request body that `spec:update --markdown <file>` writes: an operation src/ calls that the spec lacks
 * (when there is one), the silent change (when there is one), the
 * verdict and the bump, the operations src/ calls, the compile gate's errors, the other operations grouped as the
 * text report groups them (removed, renamed, their changes by level with groupByLevel, added; long lists folded),
 * and the lint summary. When it would be too long for GitHub, the change lines give way to counts level by
 * level, info first, then warning, then breaking; the operations are always listed.
 */
export function formatMarkdown(report: UpdateReport, summary: UpdateSummary): string {
  for (let shown = levels.length; shown > 0; shown--) {
    const body = render(report, summary, levels.slice(0, shown));
    if (body.length <= maxBodyLength) return body;
  }
  return render(report, summary, []);
}

/** The compile gate's `errors` (or other lines) under a `### title (count)` and a line that says what to do, in a code fence. */
function errorSection(title: string, intro: string, errors: readonly CompileError[] | readonly string[]): string[] {
  if (errors.length === 0) return [];
  const lines = errors.map((e) => (typeof e === "string" ? e : formatCompileError(e)));
  return ["", `### ${title} (${errors.length})`, "", intro, "", ...fenced(lines)];
}

/** `lines` under a `### title`, inside `<details>` when the list is long. */
function section(title: string, summary: string, lines: string[]): string[] {
  if (lines.length === 0) return [];
  const folded =
    lines.length > foldAfterLines ? [`<details><summary>${summary}</summary>`, "", ...lines, "", "</details>"] : lines;
  return ["", `### ${title}`, "", ...folded];
}

function render(report: UpdateReport, summary: UpdateSummary, detailed: readonly Level[]): string {
  const { counts, from, to } = report;
  const lines: string[] = [];
  for (const c of report.missingCalledOperations)
    lines.push(
      c.status === "removed"
        ? `> ✖ **Removed: ${name(c)}, which \`${c.by}()\` in \`src/\` calls.** The wrapper does not compile against ` +
            "the new types until the operation is back in the spec or `src/` stops calling it (errors below)."
        : `> ✖ **Still absent: ${name(c)}, which \`${c.by}()\` in \`src/\` calls** (an earlier update removed it). ` +
            "`src/` does not compile against these types; its errors are listed below as already failing, not counted.",
      "",
    );
  if (summary.silentChange)
    lines.push(
      `> ⚠️ **Silent change**: ${plural(counts.added + counts.removed + counts.changed, "operation")} changed, ` +
        `but \`info.version\` is still ${code(to.version ?? "")}.`,
      "",
    );
  const verdict = verdictText(summary, counts.warningChanges);
  lines.push(
    `**${verdict.charAt(0).toUpperCase()}${verdict.slice(1)}** · bump: **${bumpText(summary)}**`,
    "",
    `Trieve spec ${specVersion(from.version)} → ${specVersion(to.version)}, from ${code(to.source)}. ` +
      `Operations: ${counts.added} added, ${counts.removed} removed, ${counts.changed} changed` +
      (counts.renamed > 0 ? ` (${plural(counts.renamed, "operationId")} renamed)` : "") +
      `; changes: ${counts.breakingChanges} breaking, ${counts.warningChanges} warning, ${counts.infoChanges} info.`,
    "",
    ...(summary.compilerBreaks + summary.compilerCompiles > 0
      ? [
          // The second judge: a caller of every operation of the old spec, compiled against the new types.
          `Compiler (a caller of each operation, against the new types): ${compilerLine(summary)}.`,
          "",
        ]
      : []),
    `### Called by \`src/\``,
    "",
  );
  const reported = new Map(report.operations.map((o) => [operationKey(o.method, o.path), o]));
  for (const c of report.calledBySrc) {
    lines.push(
      `- ${calledMark(c)} ${name(c)} by \`${c.by}()\`: ${calledStatusText[c.status]}` +
        (c.breaking ? ", **breaking for the wrapper**" : ""),
    );
    // The compiler's word too: this body lists the operations src/ calls here only.
    const operation = reported.get(operationKey(c.method, c.path));
    if (operation?.compiler === "breaks") lines.push(`  - ⨯ compiler, ${code(firstCompilerError(operation))}`);
    for (const change of c.status === "changed" ? c.changes : []) lines.push(changeLine(change));
  }

  lines.push(
    ...errorSection(
      "Does not compile against the new types",
      "The project's own code (`src/`, `examples/`) must be fixed before this is merged:",
      summary.compileErrors,
    ),
    ...errorSection(
      "Type tests to update",
      "The type tests (`test/*.test-d.ts`) pin today's exact types; update them with this change (not breaking by themselves):",
      summary.typeTestErrors,
    ),
    ...errorSection(
      "Rules and compiler disagree",
      "A rule of `scripts/spec-diff/` is wrong, or the usage corpus is (docs/breaking-changes.md, “Two judges”):",
      summary.disagreements.filter((d) => d.explained === undefined).map(disagreementLine),
    ),
    ...errorSection(
      "Already failing before this update",
      "These errors are there against the committed types too; they are not counted:",
      summary.existingErrors,
    ),
  );

  // The other operations, in the text report's order: removed, renamed, every change by level, added.
  const called = new Set(report.calledBySrc.map((c) => operationKey(c.method, c.path)));
  const others = report.operations.filter((o) => !called.has(operationKey(o.method, o.path)));
  const operations = (n: number) => plural(n, "operation");
  const removed = others.filter((o) => o.status === "removed");
  lines.push(
    ...section(
      `Removed (${removed.length})`,
      operations(removed.length),
      removed.map(
        (o) =>
          `- ${marks[o.changes[0]!.level]} ${name(o)}${o.breaking ? "" : `: ${messageMarkdown(o.changes[0]!.parts)}`}`,
      ),
    ),
  );
  const renamed = others.filter((o) => o.previousOperationId !== undefined);
  lines.push(
    ...section(
      `Renamed (${renamed.length})`,
      operations(renamed.length),
      renamed.map(
        (o) => `- ${code(operationKey(o.method, o.path))}: ${code(o.previousOperationId!)} → ${code(o.operationId!)}`,
      ),
    ),
  );
  for (const group of groupByLevel(others.filter((o) => o.status !== "added"))) {
    const listed = detailed.includes(group.level);
    lines.push(
      ...section(
        `${titles[group.level]} (${plural(group.count, "change")})`,
        `${plural(group.count, "change")} in ${operations(group.operations.length)}`,
        group.operations.flatMap(({ operation, changes }) =>
          listed
            ? [
                `- ${name(operation)}`,
                ...(operation.compiler === "breaks" ? [`  - ⨯ compiler, ${code(firstCompilerError(operation))}`] : []),
                ...changes.map(changeLine),
              ]
            : [`- ${name(operation)} (${plural(changes.length, "change")} not listed)`],
        ),
      ),
    );
  }
  const added = others.filter((o) => o.status === "added");
  lines.push(
    ...section(
      `Added (${added.length})`,
      operations(added.length),
      added.map((o) => `- ${name(o)}`),
    ),
  );

  lines.push("", "### Lint", "", lintLine(summary.lint));
  if (detailed.length < levels.length)
    lines.push(
      "",
      `_Some change lines are left out to fit GitHub's size limit: ${code(`npm run spec:update -- ${to.source}`)} lists them all._`,
    );
  return `${lines.join("\n")}\n`;
}
