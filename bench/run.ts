/**
 * `npm run bench`: every figure of issue 5 as a ratio against a baseline measured in the same run,
 * printed as a table and written into bench/RESULTS.md (between its markers).
 * `npm run bench -- --smoke`: tiny counts and no 0.13.0 row, to keep the benchmark working in CI;
 * it writes nothing. `npm run bench -- --client`: the client's rows only (d, e), in seconds rather than
 * minutes; it writes nothing either. Not a timed test: targets are reported, never asserted.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { sharedSpec } from "../test/helpers/shared-specs.js";
import { bundleSize, clientEntry, openapiFetchEntry, sizeTarget } from "./bundle-size.js";
import { clientOverhead } from "./client-overhead.js";
import { machine } from "./machine.js";
import { benchProject, compareGenerate, compareUpToDate } from "./pipeline.js";
import { ms, ratio, us } from "./stats.js";
import { watchLatency } from "./watch-latency.js";

const smoke = process.argv.includes("--smoke");
const clientOnly = process.argv.includes("--client");
const counts = smoke
  ? { seedRounds: 1, bigRounds: 0, upToDateRounds: 1, saves: 2, batches: 6, batchSize: 5 }
  : { seedRounds: 10, bigRounds: 5, upToDateRounds: 10, saves: 20, batches: 120, batchSize: 50 };

interface Row {
  id: string;
  figure: string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  result: string;
}
const rows: Row[] = [];
const verdict = (value: number, limit: number, atMost = true) => {
  const met = atMost ? value <= limit : value >= limit;
  return met ? "met" : `missed by ${ratio(Math.abs(value - limit)).replace("×", "")}`;
};
function timed(id: string, figure: string, ours: number, baseline: number, baselineName: string, target: number) {
  const r = ours / baseline;
  rows.push({
    id,
    figure,
    ours: ms(ours),
    baseline: `${ms(baseline)} (${baselineName})`,
    ratio: ratio(r),
    target: `≤ ${ratio(target)}`,
    result: verdict(r, target),
  });
}
const log = (line: string) => console.error(`bench: ${line}`);

const started = performance.now();
const about = machine();
log(about.join("\n       "));

// (a), (b), (c) on the seed, in one copy of the project.
if (!clientOnly) {
  const seed = benchProject();
  try {
    log(`(a) generate vs the naive chain, seed, ${counts.seedRounds} rounds`);
    const a = await compareGenerate(seed, counts.seedRounds);
    if (a.failure) throw new Error(`generate failed on the seed: ${a.failure}`);
    timed(
      "a",
      "`generate`, changed inputs, new process, with typecheck: seed",
      a.ours,
      a.baseline,
      "naive chain",
      0.75,
    );

    if (counts.bigRounds > 0) {
      log(`(a) generate vs the naive chain, Trieve 0.13.0, ${counts.bigRounds} rounds`);
      const big = benchProject(sharedSpec("0.13.0"));
      try {
        const b = await compareGenerate(big, counts.bigRounds);
        const figure = "`generate`, changed inputs, new process, with typecheck: Trieve 0.13.0";
        if (b.failure) {
          rows.push({
            id: "a",
            figure,
            ours: `failed after ${ms(b.ours)}`,
            baseline: `${ms(b.baseline)} (naive chain)`,
            ratio: `${ratio(b.ours / b.baseline)} to the failure`,
            target: "≤ 0.80×",
            result: `failed: ${b.failure}`,
          });
        } else timed("a", figure, b.ours, b.baseline, "naive chain", 0.8);
      } finally {
        big.remove();
      }
    }

    log(`(b) --check and an unchanged generate, ${counts.upToDateRounds} rounds`);
    const b = await compareUpToDate(seed, counts.upToDateRounds);
    timed("b", "`generate -- --check`, nothing changed", b.check, b.baseline, "naive chain", 0.2);
    timed("b", "`generate`, nothing changed", b.unchanged, b.baseline, "naive chain", 0.2);

    log(`(c) watch: save → written, ${counts.saves} saves`);
    const c = await watchLatency(seed, counts.saves);
    // The naive chain's median from (b)'s rounds: measured in this run, on the same copy.
    timed("c", "`generate -- --watch`, warm: save → file written (seed)", c, b.baseline, "naive chain", 0.1);
  } finally {
    seed.remove();
  }
}

const calls = counts.batches * counts.batchSize;
log(`(d) deleteUserApiKey vs openapi-fetch's DELETE and raw fetch, ${calls} calls each`);
const d = await clientOverhead(counts.batches, counts.batchSize);
rows.push({
  id: "d",
  figure: `\`deleteUserApiKey\` vs openapi-fetch's \`DELETE\`, median of ${calls} interleaved calls each`,
  ours: us(d.ours),
  // raw fetch is the floor, with no target: what any client over fetch costs at least
  baseline: `${us(d.openapiFetch)} (openapi-fetch); raw fetch ${us(d.raw)}, ours ${ratio(d.ours / d.raw)} of it`,
  ratio: ratio(d.ours / d.openapiFetch),
  target: "≤ 1.05×",
  result: verdict(d.ours / d.openapiFetch, 1.05),
});

const ours = await bundleSize(clientEntry);
const baseline = await bundleSize(openapiFetchEntry);
rows.push({
  id: "e",
  figure: "client entry + openapi-fetch, esbuild, minified + gzip -9",
  ours: `${ours.gzipped} B`,
  baseline: `${baseline.gzipped} B (openapi-fetch alone)`,
  ratio: ratio(ours.gzipped / baseline.gzipped),
  target: `≤ ${sizeTarget} B`,
  result: ours.gzipped <= sizeTarget ? "met" : `missed by ${ours.gzipped - sizeTarget} B`,
});

const header = ["", "figure", "ours", "baseline", "ratio", "target", "result"];
const table = [
  `| ${header.join(" | ")} |`,
  `| ${header.map(() => "---").join(" | ")} |`,
  ...rows.map((r) => `| ${[r.id, r.figure, r.ours, r.baseline, r.ratio, r.target, r.result].join(" | ")} |`),
].join("\n");
console.log(table);
log(`done in ${ms(performance.now() - started)}`);

if (!smoke && !clientOnly) {
  const file = new URL("RESULTS.md", import.meta.url);
  const text = readFileSync(file, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const body = [
    start,
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC by \`npm run bench\`:`,
    "",
    ...about.map((line) => `- ${line}`),
    "",
    table,
    end,
  ].join("\n");
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`bench/RESULTS.md has lost its ${start} / ${end} markers`);
  // Formatted as `npm run format:check` expects, so that a bench run leaves the tree clean.
  const path = fileURLToPath(file);
  const options = { ...(await prettier.resolveConfig(path)), filepath: path };
  writeFileSync(file, await prettier.format(text.slice(0, from) + body + text.slice(to + end.length), options));
  log("wrote bench/RESULTS.md");
}
