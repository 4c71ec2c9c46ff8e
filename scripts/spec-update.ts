/**
 * `npm run spec:update -- <file or http(s) URL> [--json] [--allow-breaking] [--bump] [--markdown <file>]
 *   [--github-output <file>]`
 *
 * read → lint (redocly.yaml) → diff against spec/trieve.yaml → generate and format with the pipeline of
 * `npm run generate` → in one tsc7 program (spec-diff/update-check.ts): the pipeline's typecheck of the new types,
 * the compile gate (src/, examples/ and the type tests against them) and the usage corpus (a caller of every
 * operation of the old spec, against them: the compiler's verdict, put beside the rules') → report → replace
 * spec/trieve.yaml, generated/trieve.ts, generated/scoped-headers.ts and CHANGELOG.md (and, with --bump,
 * package.json and package-lock.json) together, or none of them.
 * Exit codes: 0 written or nothing to do (with --allow-breaking also when breaking, compile errors included: the
 * report lists what to fix); 1 unusable input (empty, conflict markers, not JSON or YAML, not OpenAPI 3.x, a
 * failed lint gate, types that do not compile) or a failed step; 2 breaking (differ, compile gate or usage corpus;
 * an operation src/ calls removed included) without --allow-breaking, nothing written.
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml, stringify as toYaml } from "yaml";
import { calledOperations } from "./shared/called-operations.js";
import { checkSourceText } from "./codegen/check-source-text.js";
import { inputsHash } from "./codegen/fingerprint.js";
import { lintSpec } from "./codegen/lint-spec.js";
import { PipelineError } from "./shared/pipeline-error.js";
import {
  buildGeneratedFiles,
  lintSummary,
  report as reportStep,
  step,
  typecheckSummary,
  type Log,
} from "./codegen/pipeline.js";
import { typecheck } from "./codegen/typecheck.js";
import { abs, files } from "./shared/project-files.js";
import { replaceFiles, type Replacement } from "./shared/replace-files.js";
import { writeAtomically } from "./shared/write-atomically.js";
import { nextVersion, withVersion } from "./spec-diff/bump.js";
import { addChangelogEntry, changelogEntry } from "./spec-diff/changelog.js";
import { formatCompileError, noCompileErrors } from "./spec-diff/compile-gate.js";
import { allCompile } from "./spec-diff/corpus-compile.js";
import { githubOutputs, githubOutputText } from "./spec-diff/github-output.js";
import { formatMarkdown } from "./spec-diff/markdown-report.js";
import { operationKey, diffSpecs } from "./spec-diff/spec-diff.js";
import { readSpecSource } from "./shared/spec-source.js";
import { checkUpdate } from "./spec-diff/update-check.js";
import { addCompilerVerdicts, buildReport, formatReport, type UpdateReport } from "./spec-diff/update-report.js";
import { formatSummary, noCorpus, summarize, type UpdateSummary } from "./spec-diff/update-summary.js";

const usage =
  "usage: npm run spec:update -- <file.json|file.yaml|http(s)://url> [--json] [--allow-breaking] [--bump] " +
  "[--markdown <file>] [--github-output <file>]";
const untouched = "spec/ and generated/ were left unchanged.";
const typecheckLine = (where: string) => () => `${typecheckSummary}${where}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

type Doc = Record<string, unknown>;

interface Args {
  source: string;
  json: boolean;
  allowBreaking: boolean;
  /** write package.json's version (and the lock's) with the bump the update calls for */
  bump: boolean;
  /** where to write the pull-request body (markdown-report.ts) */
  markdown: string | undefined;
  /** the file of GitHub's $GITHUB_OUTPUT, to append the workflow's step outputs to (github-output.ts) */
  githubOutput: string | undefined;
}

function parseArgs(args: string[]): Args {
  const flags = new Set(["--json", "--allow-breaking", "--bump"]);
  const withValue = new Set(["--markdown", "--github-output"]);
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (withValue.has(arg)) {
      const value = args[++i];
      if (value === undefined || value.startsWith("--")) throw new PipelineError(`${arg} needs a file: ${usage}`);
      values.set(arg, value);
    } else rest.push(arg);
  }
  const unknown = rest.filter((a) => a.startsWith("--") && !flags.has(a));
  if (unknown.length > 0) throw new PipelineError(`unknown option ${unknown.join(" ")}: ${usage}`);
  const sources = rest.filter((a) => !a.startsWith("--"));
  if (sources.length !== 1)
    throw new PipelineError(`${sources.length === 0 ? "no source given" : "more than one source given"}: ${usage}`);
  return {
    source: sources[0]!,
    json: rest.includes("--json"),
    allowBreaking: rest.includes("--allow-breaking"),
    bump: rest.includes("--bump"),
    markdown: values.get("--markdown"),
    githubOutput: values.get("--github-output"),
  };
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

const readOrUndefined = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

/** package.json's version: the one --bump moves, and the base of the bump the report states. */
function packageVersion(): string {
  const version = (JSON.parse(readFileSync(abs("package.json"), "utf8")) as { version?: unknown }).version;
  if (typeof version !== "string") throw new PipelineError("no version field: add one", { file: "package.json" });
  nextVersion(version, "patch"); // throws, naming package.json, for a version that is not x.y.z
  return version;
}

/** CHANGELOG.md with the entry on top, formatted as `npm run format` would, so that format:check stays clean. */
async function changelogWith(entry: string): Promise<string> {
  const file = abs("CHANGELOG.md");
  const prettier = await import("prettier");
  const options = await prettier.resolveConfig(file);
  return prettier.format(addChangelogEntry(readOrUndefined(file), entry), { ...options, parser: "markdown" });
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const fromVersion = packageVersion(); // checked before the slow steps
  // With --json, stdout carries only the report; progress goes to stderr.
  const log: Log = args.json ? (line) => console.error(line) : (line) => console.log(line);
  // How long each step took, in ms, for --json: the pipeline's step lines show them to people.
  const timings: Record<string, number> = {};
  const timed = <T>(name: string, run: () => T | Promise<T>, summary?: (result: T) => string) =>
    step(
      log,
      name,
      async () => {
        const start = performance.now();
        try {
          return await run();
        } finally {
          timings[name] = Math.round(performance.now() - start);
        }
      },
      summary,
    );

  const source = await timed("read", () => readSpecSource(args.source, cwd));
  checkSourceText(source.text, source.shownAs);
  assertValidJson(source.text, source.shownAs);
  const lintConfigPath = abs(files.lintConfig);
  const lint = await timed(
    "lint",
    () => lintSpec(source.text, source.location, lintConfigPath, source.shownAs),
    lintSummary,
  );
  const { doc, isJson } = parseDocument(source.text);
  assertSelfContained(doc, source.shownAs);

  const current = readCurrentSpec(log);
  const called = calledOperations;
  const diff = await timed(
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
  // A spec without an operation src/ calls is a breaking update, not bad input: the differ counts the removal,
  // the compile gate lists what stops compiling in src/, and the report opens with both (missingCalledOperations).

  // spec/trieve.yaml is YAML: a YAML source is kept byte for byte (comments and all), JSON is converted.
  const specText = isJson
    ? toYaml(doc, { lineWidth: 0, singleQuote: true, aliasDuplicateObjects: false })
    : source.text;
  const inputs = inputsHash(specText, readFileSync(lintConfigPath, "utf8"));
  // openapi-typescript reads a file: the new spec goes to a temp file beside spec/trieve.yaml, so that
  // relative paths resolve the same, and spec/trieve.yaml itself is only replaced at the very end.
  const tempSpec = path.join(path.dirname(abs(files.spec)), `.trieve.${process.pid}.tmp.yaml`);
  let generated: string;
  let scopedHeaders: string; // generated/scoped-headers.ts, written together with generated/trieve.ts
  try {
    writeFileSync(tempSpec, specText);
    const start = performance.now();
    ({ types: generated, scopedHeaders } = await buildGeneratedFiles(specText, inputs, log, {
      specPath: tempSpec,
      lint: false,
      typecheck: false, // below, in one program with the compile gate and the corpus
    }));
    timings.generate = Math.round(performance.now() - start);
  } finally {
    rmSync(tempSpec, { force: true });
  }

  // Unchanged types cannot break anything that compiles today: they skip the compile gate and the usage
  // corpus, and get the pipeline's typecheck alone. Changed ones get the three checks in one tsc7 program
  // (update-check.ts). A first update has no old types, and no corpus.
  const oldTypes = readOrUndefined(abs(files.output));
  const typesChange = generated !== oldTypes;
  const filesChange =
    typesChange || specText !== current.text || scopedHeaders !== readOrUndefined(abs(files.scopedHeaders));
  let gate = noCompileErrors;
  let corpus = oldTypes === undefined ? noCorpus : allCompile(current.doc);
  if (!typesChange) await step(log, "typecheck", () => typecheck(generated, files.output), typecheckLine(" (tsc7)"));
  else {
    const checked = await checkUpdate(
      generated,
      oldTypes === undefined ? undefined : { before: current.doc, after: doc, oldTypes },
    );
    const { ms } = checked;
    reportStep(
      log,
      "typecheck",
      { ok: true, value: undefined, ms: ms.typecheck },
      typecheckLine(checked.apart ? " (tsc7)" : " (tsc7, one program with compile and corpus)"),
    );
    gate = checked.gate;
    timings.compile = ms.compile;
    reportStep(
      log,
      "compile",
      { ok: true, value: gate, ms: ms.compile },
      (g) =>
        `${plural(g.errors.length, "error")} in src/, examples/; ${g.typeTests.length} in type tests to update; ` +
        `${g.existing.length} existing`,
    );
    if (checked.corpus) {
      corpus = checked.corpus;
      timings.corpus = ms.corpus;
      reportStep(
        log,
        "corpus",
        { ok: true, value: corpus, ms: ms.corpus },
        (c) =>
          `${plural(c.operations.filter((o) => o.compiler === "breaks").length, "operation")} of ` +
          `${c.operations.length} break against the new types`,
      );
    }
  }
  addCompilerVerdicts(report, corpus.operations);
  const compileErrors = gate.errors;
  const summary: UpdateSummary = summarize(report, gate, lint, fromVersion, filesChange, corpus);

  const finish = (result: NonNullable<UpdateReport["result"]>, code: number, message: string) => {
    report.result = result;
    // In JSON too, each compile error is the one line the issue asks for: `file:line:col TSnnnn message`.
    const json = {
      ...report,
      ...summary,
      compileErrors: summary.compileErrors.map(formatCompileError),
      typeTestErrors: summary.typeTestErrors.map(formatCompileError),
      existingErrors: summary.existingErrors.map(formatCompileError),
      corpusExistingErrors: summary.corpusExistingErrors.map(formatCompileError),
      timings,
    };
    if (args.json) console.log(JSON.stringify(json, null, 2));
    else console.log(`\n${formatSummary(report, summary, formatReport(report))}\n`);
    if (args.markdown) writeAtomically(path.resolve(cwd, args.markdown), formatMarkdown(report, summary));
    if (args.githubOutput)
      appendFileSync(path.resolve(cwd, args.githubOutput), githubOutputText(githubOutputs(report, summary)));
    (code === 0 ? log : console.error)(message);
    return code;
  };

  if (!filesChange) return finish("unchanged", 0, `unchanged  ${files.spec}, ${files.output}`);
  if (summary.verdict === "breaking" && !args.allowBreaking) {
    const breaking = diff.counts.breakingChanges;
    const errors = compileErrors.length;
    // An operation src/ calls, removed: named first, as the report opens with it.
    const removedCalled = report.missingCalledOperations
      .filter((c) => c.status === "removed")
      .map((c) => `${operationKey(c.method, c.path)} (which ${c.by}() in src/ calls) is removed: `)
      .join("");
    const what = [
      breaking > 0 ? `${breaking} breaking change${breaking === 1 ? "" : "s"}` : "",
      errors > 0 ? `${errors} compile error${errors === 1 ? "" : "s"} in our code against the new types` : "",
      // The compiler alone: a disagreement with the rules, which the report lists.
      breaking === 0 && summary.compilerBreaks > 0
        ? `${plural(summary.compilerBreaks, "operation")} whose callers stop compiling against the new types`
        : "",
    ].filter(Boolean);
    return finish(
      "refused",
      2,
      `✖ ${removedCalled}${what.join(" and ")} (listed above): nothing was written. ` +
        "Review them, then run again with --allow-breaking to accept them.",
    );
  }

  const changelogFile = abs("CHANGELOG.md");
  const date = new Date().toISOString().slice(0, 10);
  const replacements: Replacement[] = [
    { file: abs(files.spec), text: specText },
    { file: abs(files.output), text: generated },
    { file: abs(files.scopedHeaders), text: scopedHeaders },
    { file: changelogFile, text: await changelogWith(changelogEntry(report, summary, date, args.bump)) },
  ];
  if (args.bump)
    for (const name of ["package.json", "package-lock.json"]) {
      const text = readOrUndefined(abs(name));
      if (text !== undefined) replacements.push({ file: abs(name), text: withVersion(text, summary.version.to) });
    }
  const written = replaceFiles(replacements);
  const wrote = `wrote  ${written.map((f) => path.relative(abs("."), f)).join(", ")}`;
  const toFix = [
    compileErrors.length > 0 ? `${plural(compileErrors.length, "compile error")} (listed above) in our code` : "",
    gate.typeTests.length > 0 ? `${plural(gate.typeTests.length, "type-test error")} (listed above) to update` : "",
  ].filter(Boolean);
  if (toFix.length === 0) return finish("written", 0, wrote);
  return finish("written", 0, `${wrote}\n⚠ ${toFix.join(" and ")}: fix them, then run \`npm run typecheck\`.`);
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
