import type { CalledOperation } from "../shared/called-operations.js";
import { formatCompileError } from "./compile-gate.js";
import type { CallForm, CompilerVerdict } from "./corpus-compile.js";
import { levels, type Change, type Level } from "./rules.js";
import { operationKey, type OperationDiff, type SpecDiff } from "./spec-diff.js";

export type { Change, Level } from "./rules.js";
export type { OperationDiff } from "./spec-diff.js";

/**
 * What the update does to one operation src/ calls. `removed`: this spec drops it (breaking). `absent`: the
 * committed spec had already lost it (an earlier update removed it), and this one still lacks it: src/ does not
 * compile, but that is not this update's doing. `back`: the committed spec lacked it, this one has it again.
 */
export type CalledOperationStatus = "unchanged" | "changed" | "removed" | "absent" | "back";

export interface CalledOperationReport extends CalledOperation {
  operationId: string | undefined;
  status: CalledOperationStatus;
  breaking: boolean;
  changes: Change[];
}

/** The compiler's word (the usage corpus, corpus-compile.ts) on an operation that existed before. */
export interface CompilerFields {
  compiler: "breaks" | "compiles";
  /** `file:line:col TSnnnn message`, the file named after the operation */
  compilerErrors: string[];
  /** which forms of the call break; the response reads and the operationId count for both */
  breaksForms: CallForm[];
}

/** An operation of the report: every one that existed before (changed or removed) has the compiler's word. */
export type ReportedOperation = OperationDiff & Partial<CompilerFields>;

/** What `spec:update` prints, and, as is, what `--json` prints. */
export interface UpdateReport {
  /**
   * The operations src/ calls that the new spec lacks (`removed` or `absent` in calledBySrc), first in the report
   * and in the JSON: without them the wrapper does not compile, whatever else the update does.
   */
  missingCalledOperations: CalledOperationReport[];
  from: { file: string; version: string | undefined };
  to: { source: string; version: string | undefined };
  counts: SpecDiff["counts"];
  /** the operations src/ calls, listed first and apart: a change there breaks the wrapper itself */
  calledBySrc: CalledOperationReport[];
  operations: ReportedOperation[];
  /** written: spec/ and generated/ were replaced; unchanged: nothing to write; refused: breaking changes without --allow-breaking */
  result?: "written" | "unchanged" | "refused";
}

/** The changes of one level, by operation: what the report lists under "Breaking", "Warning" and "Info". */
export interface LevelGroup {
  level: Level;
  /** how many changes, over all its operations */
  count: number;
  operations: Array<{ operation: ReportedOperation; changes: Change[] }>;
}

export function buildReport(
  diff: SpecDiff,
  called: readonly CalledOperation[],
  from: UpdateReport["from"],
  to: UpdateReport["to"],
  newOperationIds: Map<string, string | undefined>,
): UpdateReport {
  const byKey = new Map(diff.operations.map((o) => [operationKey(o.method, o.path), o]));
  const calledBySrc = called.map((c): CalledOperationReport => {
    const key = operationKey(c.method, c.path);
    const diffed = byKey.get(key);
    const status: CalledOperationStatus = diffed
      ? diffed.status === "removed"
        ? "removed"
        : diffed.status === "added"
          ? "back"
          : "changed"
      : newOperationIds.has(key)
        ? "unchanged"
        : "absent";
    return {
      ...c,
      operationId: diffed?.operationId ?? newOperationIds.get(key),
      status,
      breaking: diffed?.breaking ?? false,
      changes: diffed?.changes ?? [],
    };
  });
  const missingCalledOperations = calledBySrc.filter((c) => c.status === "removed" || c.status === "absent");
  return { missingCalledOperations, from, to, counts: diff.counts, calledBySrc, operations: diff.operations };
}

/** How each status reads in the reports (the text report, the pull-request body). */
export const calledStatusText: Record<CalledOperationStatus, string> = {
  unchanged: "unchanged",
  changed: "changed",
  removed: "removed",
  absent: "still absent (an earlier update removed it)",
  back: "back in the spec",
};

/** The mark of an operation src/ calls: ✖ when it breaks the wrapper or is missing, = unchanged, · otherwise. */
export const calledMark = (c: CalledOperationReport) =>
  c.breaking || c.status === "removed" || c.status === "absent" ? "✖" : c.status === "unchanged" ? "=" : "·";

/**
 * The first lines of the text report when the new spec lacks an operation src/ calls: the operation, the function
 * that calls it, and what that means. Empty otherwise.
 */
export function missingCalledLines(report: UpdateReport): string[] {
  return report.missingCalledOperations.map((c) =>
    c.status === "removed"
      ? `✖ removed: ${name(c)}, which ${c.by}() in src/ calls. BREAKING: src/ does not compile against the new ` +
        "types until the operation is back or src/ stops calling it."
      : `✖ still absent: ${name(c)}, which ${c.by}() in src/ calls (an earlier update removed it). src/ does not ` +
        "compile against these types; its errors are already failing, shown and not counted.",
  );
}

/** Gives each operation of the report that existed before the compiler's word on it. */
export function addCompilerVerdicts(report: UpdateReport, verdicts: readonly CompilerVerdict[]): void {
  const byKey = new Map(verdicts.map((v) => [operationKey(v.method, v.path), v]));
  for (const operation of report.operations) {
    const v = byKey.get(operationKey(operation.method, operation.path));
    if (operation.status === "added" || v === undefined) continue;
    Object.assign(operation, {
      compiler: v.compiler,
      compilerErrors: v.compilerErrors.map(formatCompileError),
      breaksForms: v.breaksForms,
    } satisfies CompilerFields);
  }
}

/** A compiler message can quote a whole response type: the reports show its first characters. */
export const shortened = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** `inline, annotated: .corpus/ops/get-items-id.ts:27:9 TS2339 Property 'tags' does not exist…` */
export const firstCompilerError = (o: ReportedOperation) =>
  `${o.breaksForms?.join(", ")}: ${shortened(o.compilerErrors?.[0] ?? "")}`;

/**
 * Every change of the given operations, grouped by level (breaking, then warning, then info), each group
 * by operation in the order given. Levels without a change are left out.
 */
export function groupByLevel(operations: readonly ReportedOperation[]): LevelGroup[] {
  return levels
    .map((level) => {
      const entries = operations
        .map((operation) => ({ operation, changes: operation.changes.filter((c) => c.level === level) }))
        .filter((entry) => entry.changes.length > 0);
      return { level, count: entries.reduce((n, e) => n + e.changes.length, 0), operations: entries };
    })
    .filter((group) => group.count > 0);
}

/** Each level's mark and section title, in this report and in the pull-request body (markdown-report.ts). */
export const marks: Record<Level, string> = { breaking: "✖", warning: "!", info: "·" };
export const titles: Record<Level, string> = { breaking: "Breaking", warning: "Warning", info: "Info" };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const name = (o: { method: string; path: string; operationId?: string | undefined }) =>
  `${operationKey(o.method, o.path)}${o.operationId ? ` (${o.operationId})` : ""}`;
const changeLine = (c: Change) =>
  `    ${marks[c.level]} ${c.message}  ${c.in === "old" ? "was at" : "at"} #${c.pointer}  [${c.level}] ${c.id}`;

/**
 * The report for people: counts first, then the operations src/ calls, then the removed and renamed
 * operations, then every change of the removed and changed ones grouped by level, then the added ones.
 */
export function formatReport(report: UpdateReport): string {
  const { counts } = report;
  const lines = [
    `${report.from.file} (${report.from.version ?? "no version"}) → ${report.to.source} (${report.to.version ?? "no version"})`,
    `operations: ${counts.added} added, ${counts.removed} removed, ${counts.changed} changed` +
      (counts.renamed > 0 ? ` (${plural(counts.renamed, "operationId")} renamed)` : ""),
    `changes:    ${counts.breakingChanges} breaking, ${counts.nonBreakingChanges} non-breaking`,
    "",
    `Called by src/ (${report.calledBySrc.length}):`,
  ];
  for (const c of report.calledBySrc) {
    lines.push(
      `  ${calledMark(c)} ${name(c)} by ${c.by}(): ${calledStatusText[c.status]}${c.breaking ? ", BREAKING for the wrapper" : ""}`,
    );
    for (const change of c.status === "changed" ? c.changes : []) lines.push(changeLine(change));
  }
  const section = (title: string, rows: string[]) => {
    if (rows.length > 0) lines.push("", `${title}:`, ...rows);
  };
  const ops = report.operations;
  const removed = ops.filter((o) => o.status === "removed");
  section(
    `Removed (${removed.length})`,
    removed.map((o) => `  ${marks[o.changes[0]!.level]} ${name(o)}${o.breaking ? "" : `: ${o.changes[0]!.message}`}`),
  );
  const renamed = ops.filter((o) => o.previousOperationId !== undefined);
  section(
    `Renamed (${renamed.length})`,
    renamed.map((o) => `  ✖ ${operationKey(o.method, o.path)}: ${o.previousOperationId} → ${o.operationId}`),
  );
  for (const group of groupByLevel(ops.filter((o) => o.status !== "added")))
    section(
      `${titles[group.level]} (${plural(group.count, "change")})`,
      group.operations.flatMap(({ operation, changes }) => [
        `  ${name(operation)}`,
        ...((operation as ReportedOperation).compiler === "breaks"
          ? [`    ⨯ compiler, ${firstCompilerError(operation)}`]
          : []),
        ...changes.map(changeLine),
      ]),
    );
  const added = ops.filter((o) => o.status === "added");
  section(
    `Added (${added.length})`,
    added.map((o) => `  + ${name(o)}`),
  );
  return lines.join("\n");
}
