import { PipelineError } from "../shared/pipeline-error.js";

/** The formatter of generated/, loaded once per thread (a second thread loads it while this one generates). */
export const loadFormatter = () =>
  import("oxfmt").catch((cause: Error) => {
    throw new PipelineError(
      `cannot load oxfmt, the formatter of generated/: ${cause.message.split("\n")[0]} (run \`npm ci\`: npm installs its native binding for this platform as an optional dependency)`,
    );
  });

/**
 * Prettier's options, written out: oxfmt reads no config file through its API, and its own default width
 * is 100. 80 is what generated/ was formatted with by prettier's defaults before oxfmt.
 */
const options = { printWidth: 80 } as const;

/**
 * Step 3: formats the generated code, so that what is committed reads like code a maintainer wrote
 * (formatting is part of generation, as in hey-api).
 *
 * With oxfmt, Prettier's formatting rules in native code, not prettier itself: on Trieve 0.13.0's 541 kB
 * of openapi-typescript output it takes about 0.05 s against prettier's 1 s, on the critical path of every
 * regenerating run. Its output differs from prettier's in 29 places of 0.13.0's 13,400 lines (a union too
 * long for its property's line is broken one member a line) and not at all on the seed. prettier stays the
 * formatter of everything written by hand; generated/ is ignored by it (.prettierignore) and guarded by
 * `npm run generate -- --check`. `npm run bench` measures `generate` with prettier here in the same rounds.
 */
export async function formatCode(code: string): Promise<string> {
  const { format } = await loadFormatter();
  const result = await format("trieve.ts", code, options);
  const error = result.errors[0];
  // openapi-typescript's output always parses: an error here is a bug, in it or in oxfmt.
  if (error) throw new Error(`oxfmt could not format the generated code: ${error.message}`);
  return result.code;
}
