/**
 * The spec bot's year: Trieve's spec history (test/helpers/spec-history.ts) replayed step after step in one copy
 * of the project, from the committed spec, with the workflow's own flags, as the scheduled workflow would have met
 * it; then a catch-up update from one step straight to another, as a bot that was off for a year would meet it.
 * Run by bench/run.ts; the same replay as test/spec-history.test.ts, which keeps a short window of it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  historyProject,
  historyStep,
  replayStep,
  type HistoryStep,
  type ReplayedStep,
} from "../test/helpers/spec-history.js";
import type { NodeLine } from "./node-lines.js";

export interface HistoryRun {
  line: string;
  steps: ReplayedStep[];
  /** the copy at `from` (untimed), then `to`, timed; `from` undefined: straight from the committed spec */
  catchUp: { from: number | undefined; to: ReplayedStep };
}

export async function replayHistory(
  line: NodeLine,
  steps: readonly HistoryStep[],
  catchUp: { from?: number; to: number },
  log: (line: string) => void,
): Promise<HistoryRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), "bench-history-"));
  const node = { node: line.node, env: line.env };
  try {
    const project = historyProject();
    const replayed: ReplayedStep[] = [];
    try {
      for (const s of steps) {
        const day = await replayStep(project, s, scratch, node);
        log(`${line.name}: history step ${s.step}: exit ${day.code}, ${(day.ms / 1000).toFixed(1)} s`);
        // Exit 1 is for unusable input only: anything else failing is a bug of the bot, not a figure.
        if (day.code !== 0 && day.code !== 1) throw new Error(`step ${s.step} exited ${day.code}: ${day.stderr}`);
        replayed.push(day);
      }
    } finally {
      project.remove();
    }
    const fresh = historyProject();
    try {
      if (catchUp.from !== undefined) {
        const start = await replayStep(fresh, historyStep(catchUp.from), scratch, node);
        if (start.code !== 0) throw new Error(`the catch-up's step ${catchUp.from} failed: ${start.stderr}`);
      }
      const to = await replayStep(fresh, historyStep(catchUp.to), scratch, node);
      log(`${line.name}: catch-up to step ${catchUp.to}: exit ${to.code}, ${(to.ms / 1000).toFixed(1)} s`);
      if (to.code !== 0) throw new Error(`the catch-up to step ${catchUp.to} failed: ${to.stderr}`);
      return { line: line.name, steps: replayed, catchUp: { from: catchUp.from, to } };
    } finally {
      fresh.remove();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The nearest-rank percentile (p95 of 47 steps is the 45th fastest). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** `breaking ×12, additions only ×20`: how often each value occurs, most frequent first. */
export function tally(values: Array<string | number | null>): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([v, n]) => `${v} ×${n}`)
    .join(", ");
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const stepName = (s: HistoryStep) => String(s.step).padStart(3, "0");
const operationsChanged = (d: ReplayedStep) =>
  d.report ? d.report.counts.added + d.report.counts.removed + d.report.counts.changed : 0;

/** The median of each phase that spec:update times (`lint`, `generate`, …) over the given steps, in their order. */
function phaseMedians(days: ReplayedStep[], median: (values: number[]) => number): string {
  const names = [...new Set(days.flatMap((d) => Object.keys(d.phases)))];
  return names
    .map((name) => `${name} ${seconds(median(days.flatMap((d) => d.phases[name] ?? [])))}`)
    .filter((text) => !text.endsWith(" 0.0 s"))
    .join(", ");
}

/**
 * The history section's rows: ["h", figure, value, target, result]. `targetMs` is the issue's ≤ 4 s for a typical
 * day (a few operations changed), set for Node 24.
 */
export function historyRows(
  run: HistoryRun,
  median: (values: number[]) => number,
  maxBodyLength: number,
  targetMs = 4000,
): string[][] {
  const { steps } = run;
  const usable = steps.filter((d) => d.code === 0);
  const written = usable.filter((d) => d.report?.result === "written");
  const ms = usable.map((d) => d.ms);
  const slowest = usable.reduce((a, b) => (b.ms > a.ms ? b : a), usable[0]!);
  // A typical day: a few operations changed (1 to 10), as most of Trieve's days are.
  const typical = written.filter((d) => operationsChanged(d) >= 1 && operationsChanged(d) <= 10);
  const typicalMs = median(typical.map((d) => d.ms));
  const changing = written.filter((d) => operationsChanged(d) > 0);
  const breaking = changing.filter((d) => d.report!.verdict === "breaking");
  const largest = steps.filter((d) => d.body !== undefined).reduce((a, b) => (b.body!.length > a.body!.length ? b : a));
  const missing = steps.filter((d) => (d.report?.missingCalledOperations.length ?? 0) > 0);
  const { to } = run.catchUp;
  const from =
    run.catchUp.from === undefined ? "the committed spec" : `step ${stepName(historyStep(run.catchUp.from))}`;
  const r = to.report!;
  return [
    [
      "h",
      `steps replayed in order from the committed spec, the workflow's flags (${run.line})`,
      `${steps.length} (${stepName(steps[0]!.step)} → ${stepName(steps[steps.length - 1]!.step)}): ` +
        `${written.length} written, ${usable.length - written.length} unchanged, ${steps.length - usable.length} refused`,
      "every step exits 0 or 1",
      steps.every((d) => d.code === 0 || d.code === 1) ? "met" : "missed",
    ],
    [
      "h",
      "seconds per usable step (exit 0): median, p95, max",
      `${seconds(median(ms))}, ${seconds(percentile(ms, 95))}, ${seconds(slowest.ms)} (step ${stepName(slowest.step)})`,
      "",
      "",
    ],
    [
      "h",
      `a typical day (1–10 operations changed, ${typical.length} steps): median seconds`,
      typical.length > 0 ? seconds(typicalMs) : "none replayed",
      `≤ ${seconds(targetMs)} (Node 24)`,
      typical.length === 0 ? "" : typicalMs <= targetMs ? "met" : `missed by ${seconds(typicalMs - targetMs)}`,
    ],
    ["h", "where the time goes (median of each phase, usable steps)", phaseMedians(usable, median), "", ""],
    ["h", "exit codes", tally(steps.map((d) => d.code)), "0 or 1", ""],
    [
      "h",
      "verdicts of the written steps",
      `${tally(written.map((d) => d.report!.verdict))}; breaking: ${breaking.length} of the ${changing.length} ` +
        `that change operations (${Math.round((100 * breaking.length) / Math.max(1, changing.length))} %)`,
      "",
      "",
    ],
    ["h", "bumps of the written steps", tally(written.map((d) => d.report!.bump)), "", ""],
    [
      "h",
      "steps whose report opens with an operation src/ calls, missing",
      missing
        .map((d) => `${stepName(d.step)} (${d.report!.missingCalledOperations.map((c) => c.status).join(", ")})`)
        .join(", ") || "none",
      "",
      "",
    ],
    [
      "h",
      "largest pull-request body",
      `${largest.body!.length.toLocaleString("en")} characters (step ${stepName(largest.step)})`,
      `≤ ${maxBodyLength.toLocaleString("en")}`,
      largest.body!.length <= maxBodyLength ? "met" : "missed",
    ],
    [
      "h",
      `catch-up: ${from} straight to step ${stepName(to.step)}, one update`,
      `${seconds(to.ms)}; ${r.counts.added} added, ${r.counts.removed} removed, ${r.counts.changed} changed; ` +
        `${r.verdict}, bump ${r.bump}; body ${to.body!.length.toLocaleString("en")} characters`,
      "",
      "",
    ],
  ];
}
