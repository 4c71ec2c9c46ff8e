/**
 * `npm run spec:update -- <file or http(s) URL> [--json] [--allow-breaking]`
 *
 * read → lint (redocly.yaml) → diff against spec/trieve.yaml → report → regenerate with the pipeline of
 * `npm run generate` → replace spec/trieve.yaml and generated/trieve.ts together, or neither.
 * Exit codes: 0 done (or nothing to do), 1 bad input or a failed step, 2 breaking changes without --allow-breaking.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml, stringify as toYaml } from "yaml";
import { calledOperations } from "./shared/called-operations.js";
import { checkSourceText } from "./codegen/check-source-text.js";
import { inputsHash } from "./codegen/fingerprint.js";
import { lintSpec } from "./codegen/lint-spec.js";
import { PipelineError } from "./shared/pipeline-error.js";
import { buildGeneratedFile, lintSummary, step, type Log } from "./codegen/pipeline.js";
import { abs, files } from "./shared/project-files.js";
import { replaceFiles } from "./shared/replace-files.js";
import { operationKey, diffSpecs } from "./spec-diff/spec-diff.js";
import { readSpecSource } from "./shared/spec-source.js";
import { buildReport, formatReport, type UpdateReport } from "./spec-diff/update-report.js";

const usage = "usage: npm run spec:update -- <file.json|file.yaml|http(s)://url> [--json] [--allow-breaking]";
const untouched = "spec/ and generated/ were left unchanged.";

type Doc = Record<string, unknown>;

interface Args {
  source: string;
  json: boolean;
  allowBreaking: boolean;
}

function parseArgs(args: string[]): Args {
  const flags = new Set(["--json", "--allow-breaking"]);
  const unknown = args.filter((a) => a.startsWith("--") && !flags.has(a));
  if (unknown.length > 0) throw new PipelineError(`unknown option ${unknown.join(" ")}: ${usage}`);
  const sources = args.filter((a) => !a.startsWith("--"));
  if (sources.length !== 1)
    throw new PipelineError(`${sources.length === 0 ? "no source given" : "more than one source given"}: ${usage}`);
  return { source: sources[0]!, json: args.includes("--json"), allowBreaking: args.includes("--allow-breaking") };
}

/**
 * A document that starts like JSON is checked as JSON first: the YAML parser behind lint would report
 * a trailing comma at the end of the file, JSON.parse reports it where it is.
 */
function assertValidJson(text: string, shownAs: string): void {
  if (!/^\s*[{[]/.test(text)) return;
  try {
    JSON.parse(text);
  } catch (cause) {
    const message = (cause as Error).message;
    const position = /at position (\d+)/.exec(message);
    const before = position ? text.slice(0, Number(position[1])).split("\n") : undefined;
    throw new PipelineError(
      `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/s, "")}`,
      { file: shownAs, line: before?.length, column: before && before[before.length - 1]!.length + 1 },
      "parser",
    );
  }
}

/** The lint step already parsed the text (with line numbers on failure); this gives the plain object for the diff. */
function parseDocument(text: string): { doc: Doc; isJson: boolean } {
  try {
    return { doc: JSON.parse(text) as Doc, isJson: true };
  } catch {
    return { doc: parseYaml(text, { maxAliasCount: -1 }) as Doc, isJson: false };
  }
}

/** spec/trieve.yaml is one self-contained document: a $ref to another file would resolve against spec/, not the source. */
function assertSelfContained(doc: Doc, shownAs: string): void {
  const external = findExternalRef(doc);
  if (external)
    throw new PipelineError(
      `$ref "${external}" points outside the document: bundle it into one file first (npx redocly bundle ${shownAs} -o bundled.yaml)`,
      { file: shownAs },
    );
}

function findExternalRef(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findExternalRef(item);
      if (found) return found;
    }
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && !value.startsWith("#")) return value;
      const found = findExternalRef(value);
      if (found) return found;
    }
  }
  return undefined;
}

/** The committed spec, the baseline of the diff. A missing or broken one is diffed as empty, with a warning. */
function readCurrentSpec(log: Log): { text: string | undefined; doc: Doc } {
  let text: string | undefined;
  try {
    text = readFileSync(abs(files.spec), "utf8");
    const doc = parseYaml(text, { maxAliasCount: -1 }) as unknown;
    if (doc && typeof doc === "object" && !Array.isArray(doc)) return { text, doc: doc as Doc };
  } catch {
    // reported below
  }
  log(`warning: ${files.spec} is missing or not a valid spec; every operation is reported as added`);
  return { text, doc: { paths: {} } };
}

const versionOf = (doc: Doc) => {
  const info = doc.info as { version?: unknown } | undefined;
  return typeof info?.version === "string" ? info.version : undefined;
};

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  // With --json, stdout carries only the report; progress goes to stderr.
  const log: Log = args.json ? (line) => console.error(line) : (line) => console.log(line);

  const source = await step(log, "read", () => readSpecSource(args.source, process.env.INIT_CWD ?? process.cwd()));
  checkSourceText(source.text, source.shownAs);
  assertValidJson(source.text, source.shownAs);
  const lintConfigPath = abs(files.lintConfig);
  await step(log, "lint", () => lintSpec(source.text, source.location, lintConfigPath, source.shownAs), lintSummary);
  const { doc, isJson } = parseDocument(source.text);
  assertSelfContained(doc, source.shownAs);

  const current = readCurrentSpec(log);
  const called = calledOperations;
  const diff = await step(
    log,
    "diff",
    () => diffSpecs(current.doc, doc),
    (d) => `${d.counts.added} added, ${d.counts.removed} removed, ${d.counts.changed} changed`,
  );
  const newOperationIds = new Map<string, string | undefined>();
  for (const [p, item] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, { operationId?: string }>>))
    for (const [method, op] of Object.entries(item ?? {}))
      newOperationIds.set(operationKey(method, p), op?.operationId);
  const report: UpdateReport = buildReport(
    diff,
    called,
    { file: files.spec, version: versionOf(current.doc) },
    { source: source.shownAs, version: versionOf(doc) },
    newOperationIds,
  );
  const missing = report.calledBySrc.filter((c) => !newOperationIds.has(operationKey(c.method, c.path)));
  if (missing.length > 0) {
    const list = missing.map((c) => `${operationKey(c.method, c.path)} (called by ${c.by}() in src/)`).join(", ");
    throw new PipelineError(
      `the spec has no ${list}: the wrapper in src/ would stop working. Use a spec that has it, or change src/ first`,
      { file: source.shownAs },
    );
  }

  const finish = (result: NonNullable<UpdateReport["result"]>, code: number, message: string) => {
    report.result = result;
    if (args.json) console.log(JSON.stringify(report, null, 2));
    else console.log(`\n${formatReport(report)}\n`);
    (code === 0 ? log : console.error)(message);
    return code;
  };

  const breaking = diff.counts.breakingChanges;
  if (breaking > 0 && !args.allowBreaking)
    return finish(
      "refused",
      2,
      `✖ ${breaking} breaking change${breaking === 1 ? "" : "s"} (listed above): nothing was written. ` +
        "Review them, then run again with --allow-breaking to accept them.",
    );

  // spec/trieve.yaml is YAML: a YAML source is kept byte for byte (comments and all), JSON is converted.
  const specText = isJson
    ? toYaml(doc, { lineWidth: 0, singleQuote: true, aliasDuplicateObjects: false })
    : source.text;
  const inputs = inputsHash(specText, readFileSync(lintConfigPath, "utf8"));
  // openapi-typescript reads a file: the new spec goes to a temp file beside spec/trieve.yaml, so that
  // relative paths resolve the same, and spec/trieve.yaml itself is only replaced at the very end.
  const tempSpec = path.join(path.dirname(abs(files.spec)), `.trieve.${process.pid}.tmp.yaml`);
  let generated: string;
  try {
    writeFileSync(tempSpec, specText);
    generated = await buildGeneratedFile(specText, inputs, log, { specPath: tempSpec, lint: false });
  } finally {
    rmSync(tempSpec, { force: true });
  }
  const written = replaceFiles([
    { file: abs(files.spec), text: specText },
    { file: abs(files.output), text: generated },
  ]);
  if (written.length === 0) return finish("unchanged", 0, `unchanged  ${files.spec}, ${files.output}`);
  return finish("written", 0, `wrote  ${written.map((f) => path.relative(abs("."), f)).join(", ")}`);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    if (err instanceof PipelineError) {
      console.error(`✖ ${err}\n  ${untouched}`);
    } else {
      // Not an expected failure: a bug. Keep it short, but findable.
      console.error(`✖ unexpected error: ${(err as Error)?.message ?? err}\n  ${untouched} Set DEBUG=1 for the stack.`);
      if (process.env.DEBUG) console.error(err);
    }
    process.exitCode = 1;
  },
);
