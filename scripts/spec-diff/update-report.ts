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
  const group = (title: string, operations: OperationDiff[], render: (o: OperationDiff) => string[]) => {
    if (operations.length === 0) return;
    lines.push("", `${title} (${operations.length}):`);
    for (const o of operations) lines.push(...render(o));
  };
  const ops = report.operations;
  group(
    "Removed",
    ops.filter((o) => o.status === "removed"),
    (o) => [`  ✖ ${name(o)}`],
  );
  group(
    "Renamed",
    ops.filter((o) => o.previousOperationId !== undefined),
    (o) => [`  ✖ ${operationKey(o.method, o.path)}: ${o.previousOperationId} → ${o.operationId}`],
  );
  const changed = (o: OperationDiff) => [`  ${name(o)}`, ...o.changes.map(changeLine)];
  group(
    "Changed, breaking",
    ops.filter((o) => o.status === "changed" && o.breaking),
    changed,
  );
  group(
    "Changed, not breaking",
    ops.filter((o) => o.status === "changed" && !o.breaking),
    changed,
  );
  group(
    "Added",
    ops.filter((o) => o.status === "added"),
    (o) => [`  + ${name(o)}`],
  );
  return lines.join("\n");
}
