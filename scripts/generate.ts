/**
 * `npm run generate`: spec/trieve.yaml → generated/trieve.ts and generated/scoped-headers.ts, in one process.
 * `npm run generate -- --check`: writes nothing; exit 0 when generated/ is what generate would write.
 *
 * `npm run generate -- --watch`: regenerates on every save of spec/ or redocly.yaml (see watch.ts).
 *
 * When the inputs' hash in the generated file's header matches (and its body matches its own hash),
 * both answer without loading any of the heavy tools, nor the modules of the pipeline itself.
 */
import { inputsHash } from "./codegen/fingerprint.js";
import { readInput, staleness } from "./codegen/inputs.js";
import { PipelineError } from "./shared/pipeline-error.js";
import { abs, files } from "./shared/project-files.js";
import { replaceFiles } from "./shared/replace-files.js";

const fix = "run `npm run generate` and commit generated/";
const options = ["--check", "--watch"];

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((a) => !options.includes(a));
  if (unknown.length > 0)
    throw new PipelineError(`unknown argument ${unknown.join(" ")}: the options are ${options.join(" and ")}`);
  const check = args.includes("--check");
  if (args.includes("--watch")) {
    if (check) throw new PipelineError("--check and --watch do not go together: --check writes nothing and exits");
    const { watchInputs } = await import("./codegen/watch.js");
    await watchInputs((line) => console.log(line));
    return new Promise<number>(() => {}); // until Ctrl+C
  }

  const specText = readInput(files.spec);
  const inputs = inputsHash(specText, readInput(files.lintConfig));
  const problem = staleness(inputs);
  if (problem === undefined) {
    console.log(`${files.output} and ${files.scopedHeaders} are up to date (inputs unchanged)`);
    return 0;
  }
  if (check) {
    console.error(`✖ ${problem}: ${fix}.`);
    return 1;
  }
  // Only now, on the slow path: the pipeline, and a second core that lints, then formats.
  const { startPipelineThread } = await import("./codegen/pipeline-thread.js");
  const thread = startPipelineThread();
  const { buildGeneratedFiles } = await import("./codegen/pipeline.js");
  let failed = true;
  try {
    const built = await buildGeneratedFiles(specText, inputs, (line) => console.log(line), { thread });
    // Both files or neither: the client's table must come from the same spec as the types.
    const written = replaceFiles([
      { file: abs(files.output), text: built.types },
      { file: abs(files.scopedHeaders), text: built.scopedHeaders },
    ]);
    for (const file of [files.output, files.scopedHeaders])
      console.log(`${written.includes(abs(file)) ? "wrote" : "unchanged"}  ${file}`);
    failed = false;
    return 0;
  } finally {
    // The process exits when the thread does: at once after a failure, after its last job otherwise.
    thread.close(failed);
  }
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
