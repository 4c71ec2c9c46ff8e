import type { CalledOperation } from "../shared/called-operations.js";
import { operationKey, type Change, type OperationDiff, type SpecDiff } from "./spec-diff.js";

export interface CalledOperationReport extends CalledOperation {
  operationId: string | undefined;
  status: "unchanged" | "changed" | "removed";
  breaking: boolean;
  changes: Change[];
}

/** What `spec:update` prints, and, as is, what `--json` prints. */
export interface UpdateReport {
  from: { file: string; version: string | undefined };
  to: { source: string; version: string | undefined };
  counts: SpecDiff["counts"];
  /** the operations src/ calls, listed first and apart: a change there breaks the wrapper itself */
  calledBySrc: CalledOperationReport[];
  operations: OperationDiff[];
  /** written: spec/ and generated/ were replaced; unchanged: nothing to write; refused: breaking changes without --allow-breaking */
  result?: "written" | "unchanged" | "refused";
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
    const diffed = byKey.get(operationKey(c.method, c.path));
    return {
      ...c,
      operationId: diffed?.operationId ?? newOperationIds.get(operationKey(c.method, c.path)),
      status: diffed?.status === "removed" ? "removed" : diffed ? "changed" : "unchanged",
      breaking: diffed?.breaking ?? false,
      changes: diffed?.changes ?? [],
    };
  });
  return { from, to, counts: diff.counts, calledBySrc, operations: diff.operations };
}

/** One group of the report: what happened to its operations, and how a report shows each of them. */
export interface OperationGroup {
  title: string;
  kind: "removed" | "renamed" | "changed" | "added";
  operations: OperationDiff[];
}

/**
 * How reports group operations (the text report here, the pull-request body in markdown-report.ts): removed,
 * renamed, changed with breaking changes, changed without, added. Empty groups are left out.
 */
export function groupOperations(ops: OperationDiff[]): OperationGroup[] {
  const groups: OperationGroup[] = [
    { title: "Removed", kind: "removed", operations: ops.filter((o) => o.status === "removed") },
    { title: "Renamed", kind: "renamed", operations: ops.filter((o) => o.previousOperationId !== undefined) },
    {
      title: "Changed, breaking",
      kind: "changed",
      operations: ops.filter((o) => o.status === "changed" && o.breaking),
    },
    {
      title: "Changed, not breaking",
      kind: "changed",
      operations: ops.filter((o) => o.status === "changed" && !o.breaking),
    },
    { title: "Added", kind: "added", operations: ops.filter((o) => o.status === "added") },
  ];
  return groups.filter((g) => g.operations.length > 0);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const name = (o: { method: string; path: string; operationId?: string | undefined }) =>
  `${operationKey(o.method, o.path)}${o.operationId ? ` (${o.operationId})` : ""}`;
const changeLine = (c: Change) =>
  `    ${c.breaking ? "✖" : "·"} ${c.message}  ${c.in === "old" ? "was at" : "at"} #${c.pointer}`;

/** The report for people: counts first, then the operations src/ calls, then the rest grouped by what happened. */
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
    const mark = c.breaking ? "✖" : c.status === "unchanged" ? "=" : "·";
    lines.push(`  ${mark} ${name(c)} by ${c.by}(): ${c.status}${c.breaking ? ", BREAKING for the wrapper" : ""}`);
    for (const change of c.status === "changed" ? c.changes : []) lines.push(changeLine(change));
  }
  const render: Record<OperationGroup["kind"], (o: OperationDiff) => string[]> = {
    removed: (o) => [`  ✖ ${name(o)}`],
    renamed: (o) => [`  ✖ ${operationKey(o.method, o.path)}: ${o.previousOperationId} → ${o.operationId}`],
    changed: (o) => [`  ${name(o)}`, ...o.changes.map(changeLine)],
    added: (o) => [`  + ${name(o)}`],
  };
  for (const group of groupOperations(report.operations)) {
    lines.push("", `${group.title} (${group.operations.length}):`);
    for (const o of group.operations) lines.push(...render[group.kind](o));
  }
  return lines.join("\n");
}
