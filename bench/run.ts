/**
 * `npm run bench`: the pipeline on Node 20 (the machine's) and Node 24 (test/runtimes' pinned binary) side by
 * side, each against the naive chain on the same Node in the same rounds; a 10× synthetic spec; a consumer's
 * `tsc` with TypeScript 5.9 and 7.0; the client's overhead and size. Every timing is a ratio against a
 * baseline measured in the same run, or a figure with its target beside it. Prints the tables and writes them
 * into bench/RESULTS.md (between its markers).
 *
 * `npm run bench -- --smoke`: every case once with the tiniest work (the seed spec, a 2× synthetic spec of
 * it, Node 24 on one case), independent cases at once; it writes nothing, and its figures mean nothing: it
 * keeps the benchmark working (test/bench-smoke.test.ts). `npm run bench -- --client`: the client's rows
 * only. `npm run bench -- --history`: the spec bot's year only (bench/history.ts: Trieve's 47 history steps
 * replayed in order, then a catch-up update from step 001 to 240), on the machine's Node, which a full run replays
 * on Node 24; it writes its own block of bench/RESULTS.md. `npm run bench -- --pipeline`: rows (a) and (s) only, the
 * figures of `generate` against the naive chain (the seed and Trieve 0.13.0 on Node 20 and Node 24, then the 10× spec
 * on Node 24), without the oxfmt peer; it writes nothing. Not a timed test: targets are reported, never asserted.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import type { CompilerVersion } from "../test/helpers/compilers.js";
import { startProgram } from "../test/helpers/run-node.js";
import { sharedSpec } from "../test/helpers/shared-specs.js";
import { historyStep, historySteps } from "../test/helpers/spec-history.js";
import { maxBodyLength } from "../scripts/spec-diff/markdown-report.js";
import { bundleSize, clientEntry, openapiFetchEntry, sizeTarget, type BundleSize } from "./bundle-size.js";
import { clientOverhead } from "./client-overhead.js";
import { historyRows, replayHistory, type HistoryRun } from "./history.js";
import { checkConsumer, writeConsumer } from "./consumer-check.js";
import { machine } from "./machine.js";
import { machineNode, node24, type NodeLine } from "./node-lines.js";
import { benchProject, compareGenerate, compareUpToDate, oxfmtPeer, type Comparison } from "./pipeline.js";
import { scaleSpec } from "./scale-spec.js";
import { scopedConsumerCheck, type ScopedConsumerCheck } from "./scoped-consumer.js";
import { median, ms, ratio, us } from "./stats.js";
import { watchLatency } from "./watch-latency.js";

const smoke = process.argv.includes("--smoke");
const clientOnly = process.argv.includes("--client");
const historyOnly = process.argv.includes("--history");
/** Rows (a) and (s) only: what a change to the pipeline moves, in a quarter of a full run. */
const pipelineOnly = process.argv.includes("--pipeline");
/**
 * The history replayed: all of it, or in smoke mode one usable step and an empty file, in order: step 001, the
 * smallest of Trieve's specs (381 kB; 8 % less CPU for spec:update than 043's 494 kB), and 032; then the catch-up
 * to 001, from the committed spec like the replay, in a fresh copy.
 */
const history = smoke
  ? { steps: [historyStep(1), historyStep(32)], catchUp: { to: 1 } }
  : { steps: historySteps, catchUp: { from: 1, to: 240 } };
const counts = smoke
  ? {
      seedRounds: 1,
      bigRounds: 0,
      upToDateRounds: 1,
      saves: 1,
      gateRounds: 1,
      scale: 2,
      scaleRounds: 1,
      batches: 6,
      batchSize: 5,
    }
  : {
      seedRounds: 5,
      bigRounds: 3,
      upToDateRounds: 5,
      saves: 10,
      gateRounds: 3,
      scale: 10,
      // Three, not one: a single round of the 10× row moved from 0.58× to 0.73× between two quiet runs.
      scaleRounds: 3,
      batches: 120,
      batchSize: 50,
    };
/** Smoke runs independent cases at once (its figures are not read); a real run, one after the other. */
const together = <T>(jobs: Array<() => Promise<T>>): Promise<T[]> =>
  smoke
    ? Promise.all(jobs.map((job) => job()))
    : jobs.reduce(async (done, job) => [...(await done), await job()], Promise.resolve([] as T[]));
const log = (line: string) => console.error(`bench: ${line}`);
const warmUp = !smoke; // one untimed round first: it fills .cache/ (scripts, Node's compile cache) and the OS file cache

const verdict = (value: number, limit: number) =>
  value <= limit ? "met" : `missed by ${value - limit < 0.005 ? "< 0.01" : (value - limit).toFixed(2)}`;

/** One figure on one Node line: `ours` against the baseline, or alone for an absolute target. */
interface Cell {
  ours: number;
  baseline?: number;
  /** the value compared with the target: a ratio, or ms */
  value: number;
  note?: string;
}
interface PipelineRow {
  id: string;
  figure: string;
  target: number;
  /** "×" for a ratio, "ms" for an absolute time */
  unit: "×" | "ms";
  cells: Map<string, Cell>;
}
const pipelineRows: PipelineRow[] = [];
function record(id: string, figure: string, unit: "×" | "ms", target: number, line: NodeLine, cell: Cell): void {
  let row = pipelineRows.find((r) => r.id === id && r.figure === figure);
  if (!row) pipelineRows.push((row = { id, figure, target, unit, cells: new Map() }));
  row.cells.set(line.name, cell);
}
const ratioCell = (ours: number, baseline: number, note?: string): Cell => ({
  ours,
  baseline,
  value: ours / baseline,
  note,
});
/** Row (a)'s note: `generate` with oxfmt as its formatter (bench/oxfmt-format-code.ts), the same rounds. */
const peerNote = (a: Comparison) => `with oxfmt: ${ms(a.peer!)} = ${ratio(a.peer! / a.baseline)}`;

const started = performance.now();
const about = machine();
log(about.join("\n       "));

const specs = {
  seed: undefined,
  "0.12.1": { file: sharedSpec("0.12.1") },
  "0.13.0": { file: sharedSpec("0.13.0") },
};

/**
 * Every pipeline row on one Node line. Returns the generated text of the largest real spec it ran
 * (Trieve 0.13.0; the seed in smoke mode).
 */
async function pipelineOn(line: NodeLine): Promise<string> {
  const seed = benchProject(specs.seed, ["src", "examples", "test"]);
  try {
    log(`${line.name}: (a) generate vs the naive chain, seed, ${counts.seedRounds} rounds`);
    const seedPeer = pipelineOnly ? undefined : oxfmtPeer(specs.seed);
    const a = await compareGenerate(line, seed, counts.seedRounds, { warmUp, peer: seedPeer }).finally(() =>
      seedPeer?.remove(),
    );
    if (a.failure) throw new Error(`generate failed on the seed: ${a.failure}`);
    const seedFigure = "`npm run -s generate`, changed inputs: seed";
    record("a", seedFigure, "×", 0.65, line, ratioCell(a.ours, a.baseline, seedPeer && peerNote(a)));

    if (!pipelineOnly) {
      log(`${line.name}: (b) --check and an unchanged generate, ${counts.upToDateRounds} rounds`);
      // In smoke mode, against (a)'s naive chain: one naive run per Node line is enough to show the code works.
      const b = await compareUpToDate(line, seed, counts.upToDateRounds, {
        warmUp,
        naiveMs: smoke ? a.baseline : undefined,
      });
      record("b", "`generate -- --check`, nothing changed", "×", 0.2, line, ratioCell(b.check, b.baseline));
      record("b", "`generate`, nothing changed", "×", 0.2, line, ratioCell(b.unchanged, b.baseline));

      log(`${line.name}: (c) watch: save → written, ${counts.saves} saves`);
      const c = await watchLatency(line, seed, counts.saves);
      record("c", "`generate -- --watch`, warm: save → written (seed)", "×", 0.1, line, ratioCell(c, b.baseline));
    }

    let gateText = seed.read("generated/trieve.ts");
    if (counts.bigRounds > 0) {
      log(`${line.name}: (a) generate vs the naive chain, Trieve 0.13.0, ${counts.bigRounds} rounds`);
      const big = benchProject(specs["0.13.0"]);
      const bigPeer = pipelineOnly ? undefined : oxfmtPeer(specs["0.13.0"]);
      try {
        const a = await compareGenerate(line, big, counts.bigRounds, { warmUp, peer: bigPeer });
        const figure = "`npm run -s generate`, changed inputs: Trieve 0.13.0";
        if (a.failure)
          record("a", figure, "×", 0.65, line, { ...ratioCell(a.ours, a.baseline), note: `failed: ${a.failure}` });
        else record("a", figure, "×", 0.65, line, ratioCell(a.ours, a.baseline, bigPeer && peerNote(a)));
        gateText = big.read("generated/trieve.ts");
      } finally {
        big.remove();
        bigPeer?.remove();
      }
    }
    if (pipelineOnly) return gateText;

    // The compile gate of `spec:update` (scripts/spec-diff/compile-gate.ts, on TypeScript 7's tsc), in a copy
    // at 0.12.1 given 0.13.0's types (the seed's in smoke mode).
    log(`${line.name}: (g) the compile gate, ${counts.gateRounds} rounds`);
    const gateProject = counts.bigRounds > 0 ? benchProject(specs["0.12.1"], ["src", "examples", "test"]) : seed;
    const textFile = path.join(gateProject.dir, ".bench-gate-input.ts");
    writeFileSync(textFile, gateText);
    const timer = fileURLToPath(new URL("compile-gate-time.ts", import.meta.url));
    const args = ["--import", "tsx", timer, gateProject.dir, textFile, String(counts.gateRounds)];
    const run = await startProgram(line.node, args, gateProject.dir, line.env).exited;
    // The usage corpus of `spec:update` (scripts/spec-diff/corpus-compile.ts): a caller of every operation of
    // the copy's spec, compiled against the same new types; spec:update runs it beside the compile gate.
    log(`${line.name}: (u) the usage corpus, ${counts.gateRounds} rounds`);
    const corpusTimer = fileURLToPath(new URL("corpus-time.ts", import.meta.url));
    const corpusArgs = ["--import", "tsx", corpusTimer, gateProject.dir, textFile, String(counts.gateRounds)];
    const corpusRun = await startProgram(line.node, corpusArgs, gateProject.dir, line.env).exited;
    if (gateProject !== seed) gateProject.remove();
    if (run.code !== 0) throw new Error(`the compile gate's timing failed: ${run.stderr.slice(0, 800)}`);
    if (corpusRun.code !== 0) throw new Error(`the usage corpus's timing failed: ${corpusRun.stderr.slice(0, 800)}`);
    const gate = JSON.parse(run.stdout.trim().split("\n").pop()!) as { gate: number[]; errors: number };
    const pair = counts.bigRounds > 0 ? "0.12.1 → 0.13.0" : "seed → seed";
    record("g", `compile gate, ${pair}, tsc7`, "ms", 1000, line, {
      ours: median(gate.gate),
      value: median(gate.gate),
      note: `${gate.errors} errors`,
    });
    const corpus = JSON.parse(corpusRun.stdout.trim().split("\n").pop()!) as {
      corpus: number[];
      operations: number;
      breaks: number;
    };
    record("u", `usage corpus, ${pair}, tsc7`, "ms", 1500, line, {
      ours: median(corpus.corpus),
      value: median(corpus.corpus),
      note: `${corpus.breaks} of ${corpus.operations} operations break`,
    });
    return gateText;
  } finally {
    seed.remove();
  }
}

/** Scale: the synthetic spec, generate vs the naive chain with peak RSS (Node 24 only). */
interface Scale {
  factor: number;
  ours: number;
  baseline: number;
  oursPeakMb: number;
  baselinePeakMb: number;
  mb: number;
  paths: number;
}
/** `oneText`: the types generated from the spec it scales, for the consumer check. */
async function scaleOn(line: NodeLine, oneText: string): Promise<{ scale: Scale; texts: Map<string, string> }> {
  const source = smoke ? fileURLToPath(new URL("../spec/trieve.yaml", import.meta.url)) : specs["0.13.0"].file;
  const text = scaleSpec(source, counts.scale);
  log(
    `${line.name}: (s) generate vs the naive chain, ${counts.scale}× spec (${(text.length / 1e6).toFixed(1)} MB), ` +
      `${counts.scaleRounds} rounds`,
  );
  const texts = new Map([["1×", oneText]]);
  const many = benchProject({ text });
  try {
    // Interleaved rounds, the median time and the highest peak RSS of each side, without an untimed round first:
    // the other rows have filled the caches already.
    const r = await compareGenerate(line, many, counts.scaleRounds, { warmUp: false });
    if (r.failure) throw new Error(`generate failed on the ${counts.scale}× spec: ${r.failure}`);
    texts.set(`${counts.scale}×`, many.read("generated/trieve.ts"));
    const paths = Object.keys((JSON.parse(text) as { paths: object }).paths).length;
    return { scale: { factor: counts.scale, ...r, mb: text.length / 1e6, paths }, texts };
  } finally {
    many.remove();
  }
}

/** A consumer's `tsc` on each set of types, TypeScript 5.9 (on `line`'s Node) and 7.0. */
async function consumersOn(line: NodeLine, texts: Map<string, string>) {
  // In a copy of the project, whose node_modules (a link to ours) has openapi-fetch.
  const project = benchProject();
  try {
    // Smoke mode checks the scaled types only: the 1× check is the same code on a smaller file.
    const sizes = smoke ? [...texts].slice(-1) : [...texts];
    const jobs = sizes.flatMap(([size, text]) => {
      const folder = path.join(project.dir, `consumer-${size.replace("×", "x")}`);
      writeConsumer(folder, text);
      return (["5.9", "7.0"] as CompilerVersion[]).map((version) => async () => {
        log(`${line.name}: (t) consumer tsc ${version}, ${size} types`);
        const run = await checkConsumer(version, folder, line.node);
        return { size, version, ms: run.ms, peakMb: run.peakMb, mb: text.length / 1e6 };
      });
    });
    return await together(jobs);
  } finally {
    project.remove();
  }
}

const lines = clientOnly || historyOnly ? [] : [machineNode(), await node24()];
const [n20, n24] = lines;
let scale: Scale | undefined;
let consumers: Awaited<ReturnType<typeof consumersOn>> = [];
let scopedConsumer: ScopedConsumerCheck | undefined;
const calls = counts.batches * counts.batchSize;
let client: { d: Awaited<ReturnType<typeof clientOverhead>>; ours: BundleSize; baseline: BundleSize } | undefined;
let replayed: HistoryRun | undefined;
if (n20 && n24) {
  const versions = lines.map((l) => `${l.name} = ${execFileSync(l.node, ["--version"], { encoding: "utf8" }).trim()}`);
  about.push(`Node lines: ${versions.join(", ")} (test/runtimes' pinned binary; compile cache on from 22.1)`);
  log(`Node lines: ${lines.map((l) => `${l.name} (${l.node})`).join(", ")}`);
}
// Smoke mode: Node 24 runs one tiny case only, the 2× spec, beside Node 20's rows and the client's.
const seedText = () => readFileSync(new URL("../generated/trieve.ts", import.meta.url), "utf8");
await together<unknown>([
  async () => {
    if (!n20 || !n24) return;
    const oneText = smoke ? seedText() : await pipelineOn(n20);
    if (!smoke) await pipelineOn(n24);
    const s = await scaleOn(n24, oneText);
    scale = s.scale;
    if (pipelineOnly) return;
    consumers = await consumersOn(n24, s.texts);
    // Not in smoke mode: it needs Trieve 0.13.0 (the seed declares no scoped header) and a build of the package.
    if (!smoke) {
      log(`${n24.name}: (t) consumer tsc 7.0, 0.13.0 package, scoped vs unscoped client, 5 rounds`);
      scopedConsumer = await scopedConsumerCheck(specs["0.13.0"].file, n24.node, 5);
    }
  },
  async () => void (smoke && n20 && (await pipelineOn(n20))),
  async () => {
    if (historyOnly || pipelineOnly) return;
    log(`(d) deleteUserApiKey vs openapi-fetch's DELETE and raw fetch, ${calls} calls each`);
    const d = await clientOverhead(counts.batches, counts.batchSize);
    client = { d, ours: await bundleSize(clientEntry), baseline: await bundleSize(openapiFetchEntry) };
  },
  async () => {
    if (clientOnly || pipelineOnly) return;
    // Node 24 in a full run, beside the pipeline's rows; the machine's Node for --history alone and in smoke mode.
    const line = n24 && !smoke ? n24 : machineNode();
    log(`${line.name}: (h) the spec bot's year, ${history.steps.length} history steps`);
    replayed = await replayHistory(line, history.steps, history.catchUp, log);
  },
]);

const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

const cellText = (row: PipelineRow, cell: Cell | undefined): string[] => {
  if (!cell) return ["—", "—"];
  const figure =
    row.unit === "×"
      ? `${ms(cell.ours)} / ${ms(cell.baseline!)} = **${ratio(cell.value)}**`
      : `**${ms(cell.ours)}**${cell.note ? ` (${cell.note})` : ""}`;
  const met = verdict(
    row.unit === "×" ? cell.value : cell.value / 1000,
    row.unit === "×" ? row.target : row.target / 1000,
  );
  return [cell.note && row.unit === "×" ? `${figure} (${cell.note})` : figure, met];
};
const order = ["a", "b", "c", "g", "u"];
pipelineRows.sort(
  (x, y) =>
    order.indexOf(x.id) - order.indexOf(y.id) ||
    Number(x.figure.includes("0.13.0")) - Number(y.figure.includes("0.13.0")),
);
const pipelineTable = table(
  ["", "figure", ...lines.flatMap((l) => [`${l.name}: ours / naive chain`, l.name]), "target"],
  pipelineRows.map((row) => [
    row.id,
    row.figure,
    ...lines.flatMap((l) => cellText(row, row.cells.get(l.name))),
    row.unit === "×" ? `≤ ${ratio(row.target)}` : `≤ ${ms(row.target)}`,
  ]),
);

const scaleTable = scale
  ? table(
      ["", "figure", "ours", "naive chain", "ratio", "target", "result"],
      [
        [
          "s",
          `\`npm run -s generate\`, ${scale.factor}× spec (${scale.paths} paths, ${scale.mb.toFixed(1)} MB), ${n24!.name}: ` +
            `time, median of ${counts.scaleRounds}`,
          ms(scale.ours),
          ms(scale.baseline),
          ratio(scale.ours / scale.baseline),
          "≤ 0.65×",
          verdict(scale.ours / scale.baseline, 0.65),
        ],
        [
          "s",
          "the same: peak RSS of the largest process, the highest of the rounds",
          `${Math.round(scale.oursPeakMb)} MiB`,
          `${Math.round(scale.baselinePeakMb)} MiB`,
          ratio(scale.oursPeakMb / scale.baselinePeakMb),
          "≤ 1,000 MiB",
          scale.oursPeakMb <= 1000 ? "met" : `missed by ${Math.round(scale.oursPeakMb - 1000)} MiB`,
        ],
        ...[...new Set(consumers.map((c) => c.size))].map((size) => {
          const five = consumers.find((c) => c.size === size && c.version === "5.9")!;
          const seven = consumers.find((c) => c.size === size && c.version === "7.0")!;
          const big = size !== "1×";
          return [
            "t",
            `a consumer's \`tsc\`, ${size} types (${seven.mb.toFixed(1)} MB): TypeScript 7.0 (ours) vs 5.9, time; peak RSS`,
            `${ms(seven.ms)}; ${Math.round(seven.peakMb)} MiB`,
            `${ms(five.ms)}; ${Math.round(five.peakMb)} MiB`,
            ratio(seven.ms / five.ms),
            big ? "≤ 2,000 ms (TypeScript 7)" : "none",
            big ? verdict(seven.ms / 1000, 2) : "",
          ];
        }),
        ...(scopedConsumer
          ? [
              [
                "t",
                "a consumer's `tsc` 7.0 of the package built on 0.13.0: a client with `datasetId` (`raw` without " +
                  "`params.header`) vs the same calls unscoped, median of 5",
                ms(scopedConsumer.scopedMs),
                `${ms(scopedConsumer.unscopedMs)} (unscoped)`,
                ratio(scopedConsumer.scopedMs / scopedConsumer.unscopedMs),
                "≤ 1.10×",
                verdict(scopedConsumer.scopedMs / scopedConsumer.unscopedMs, 1.1),
              ],
            ]
          : []),
      ],
    )
  : "";

const clientTable = client ? clientRows(client) : "";
function clientRows({ d, ours, baseline }: NonNullable<typeof client>): string {
  return table(
    ["", "figure", "ours", "baseline", "ratio", "target", "result"],
    [
      [
        "d",
        `\`deleteUserApiKey\` vs openapi-fetch's \`DELETE\`, median of ${calls} interleaved calls each (${process.version})`,
        us(d.ours),
        `${us(d.openapiFetch)} (openapi-fetch); raw fetch ${us(d.raw)}, ours ${ratio(d.ours / d.raw)} of it`,
        ratio(d.ours / d.openapiFetch),
        "≤ 1.05×",
        verdict(d.ours / d.openapiFetch, 1.05),
      ],
      [
        "e",
        "client entry + openapi-fetch, esbuild, minified + gzip -9",
        `${ours.gzipped} B`,
        `${baseline.gzipped} B (openapi-fetch alone)`,
        ratio(ours.gzipped / baseline.gzipped),
        `≤ ${sizeTarget} B`,
        ours.gzipped <= sizeTarget ? "met" : `missed by ${ours.gzipped - sizeTarget} B`,
      ],
    ],
  );
}

const historyTable = replayed
  ? table(["", "figure", "value", "target", "result"], historyRows(replayed, median, maxBodyLength))
  : "";

const tables = [pipelineRows.length > 0 ? pipelineTable : "", scaleTable, clientTable].filter(Boolean).join("\n\n");
console.log([tables, historyTable].filter(Boolean).join("\n\n"));
log(`done in ${ms(performance.now() - started)}`);

/** Replaces the block between `<!-- bench:NAME -->` markers of bench/RESULTS.md. */
function withBlock(text: string, name: string, tableText: string): string {
  const start = `<!-- bench:${name}start -->`;
  const end = `<!-- bench:${name}end -->`;
  const body = [
    start,
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC by \`npm run bench${historyOnly ? " -- --history" : ""}\`:`,
    "",
    ...about.map((line) => `- ${line}`),
    "",
    tableText,
    end,
  ].join("\n");
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`bench/RESULTS.md has lost its ${start} / ${end} markers`);
  return text.slice(0, from) + body + text.slice(to + end.length);
}

if (!smoke && !clientOnly && !pipelineOnly) {
  const file = new URL("RESULTS.md", import.meta.url);
  let text = readFileSync(file, "utf8");
  if (!historyOnly) text = withBlock(text, "", tables);
  text = withBlock(text, "history:", historyTable);
  // Formatted as `npm run format:check` expects, so that a bench run leaves the tree clean.
  const target = fileURLToPath(file);
  const options = { ...(await prettier.resolveConfig(target)), filepath: target };
  writeFileSync(file, await prettier.format(text, options));
  log("wrote bench/RESULTS.md");
}
