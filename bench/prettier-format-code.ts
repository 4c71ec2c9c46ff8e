/**
 * The format step as it was before oxfmt: prettier 3 in process, with its defaults. `npm run bench` copies this
 * file over scripts/codegen/format-code.ts in a second project copy (bench/pipeline.ts), so that `generate` with
 * prettier as its formatter is measured beside ours and the naive chain, in the same rounds.
 */
export const loadFormatter = () => import("prettier");

export async function formatCode(code: string): Promise<string> {
  const prettier = await loadFormatter();
  return prettier.format(code, { parser: "typescript" });
}
