/**
 * `npm run generate`: spec/trieve.yaml → generated/trieve.ts, in one process.
 * `npm run generate -- --check`: writes nothing; exit 0 when generated/ is what generate would write.
 *
 * When the inputs' hash in the generated file's header matches (and its body matches its own hash),
 * both answer without loading any of the heavy tools.
 */
import { readFileSync } from "node:fs";
import { inputsHash } from "./fingerprint.js";
import { readHeader } from "./generated-header.js";
import { PipelineError } from "./pipeline-error.js";
import { buildGeneratedFile } from "./pipeline.js";
import { abs, files } from "./project-files.js";
import { writeAtomically } from "./write-atomically.js";

const fix = "run `npm run generate` and commit generated/";

function readInput(file: string): string {
  try {
    return readFileSync(abs(file), "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new PipelineError(code === "ENOENT" ? "file not found" : `cannot read the file (${code})`, { file });
  }
}

function readOutput(): string | undefined {
  try {
    return readFileSync(abs(files.output), "utf8");
  } catch {
    return undefined;
  }
}

/** Why generated/ is not what generate would write, or undefined when it is. */
function staleness(inputs: string): string | undefined {
  const current = readOutput();
  if (current === undefined) return `${files.output} is missing`;
  const header = readHeader(current);
  if (header.kind === "no-header") return `${files.output} has no generated header (was it written by hand?)`;
  if (header.kind === "edited")
    return `${files.output} was edited by hand (its content no longer matches the hash in its header)`;
  if (header.inputs !== inputs)
    return `${files.output} is stale: ${files.spec}, ${files.lintConfig} or the generator changed since it was generated`;
  return undefined;
}

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== "--check");
  if (unknown.length > 0) throw new PipelineError(`unknown argument ${unknown.join(" ")}: the only option is --check`);
  const check = args.includes("--check");

  const specText = readInput(files.spec);
  const inputs = inputsHash(specText, readInput(files.lintConfig));
  const problem = staleness(inputs);
  if (problem === undefined) {
    console.log(`${files.output} is up to date (inputs unchanged)`);
    return 0;
  }
  if (check) {
    console.error(`✖ ${problem}: ${fix}.`);
    return 1;
  }
  const text = await buildGeneratedFile(specText, inputs, (line) => console.log(line));
  const wrote = writeAtomically(abs(files.output), text);
  console.log(`${wrote ? "wrote" : "unchanged"}  ${files.output}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    if (err instanceof PipelineError) {
      console.error(`✖ ${err}\n  generated/ was left unchanged.`);
    } else {
      // Not an expected failure: a bug in the pipeline. Keep it short, but findable.
      console.error(
        `✖ unexpected error: ${(err as Error)?.message ?? err}\n  generated/ was left unchanged. Set DEBUG=1 for the stack.`,
      );
      if (process.env.DEBUG) console.error(err);
    }
    process.exitCode = 1;
  },
);
