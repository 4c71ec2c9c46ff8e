/**
 * The format step with oxfmt 0.80 (Prettier's formatting rules in native code) instead of prettier: the
 * alternative `npm run bench` measures. It copies this file over scripts/codegen/format-code.ts in a second
 * project copy (bench/pipeline.ts, oxfmtPeer), so that `generate` with oxfmt as its formatter is measured
 * beside ours and the naive chain, in the same rounds. Not adopted: the card says prettier
 * (docs/generate.md#formatting-prettier-and-oxfmt-measured-beside-it). It imports nothing of the project: it runs
 * from scripts/codegen/ in the copy.
 */
export const loadFormatter = () => import("oxfmt");

/**
 * Prettier's options, written out: oxfmt reads no config file through its API, and its own default width
 * is 100. 80 is prettier's default, which generated/ is formatted with.
 */
const options = { printWidth: 80 } as const;

export async function formatCode(code: string): Promise<string> {
  const { format } = await loadFormatter();
  const result = await format("trieve.ts", code, options);
  const error = result.errors[0];
  // openapi-typescript's output always parses: an error here is a bug, in it or in oxfmt.
  if (error) throw new Error(`oxfmt could not format the generated code: ${error.message}`);
  return result.code;
}
