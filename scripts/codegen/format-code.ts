/**
 * prettier, loaded once per thread (a second thread loads it while this one generates). Named for its role, not
 * its tool: bench/oxfmt-format-code.ts exports the same names and stands in for this file in the bench's peer.
 */
export const loadFormatter = () => import("prettier");

/**
 * Step 3: formats the generated code with prettier, so that what is committed is what a
 * maintainer's editor would write (formatting is part of generation, as in hey-api).
 *
 * prettier because the project's design card says the pipeline "formats with prettier". oxfmt (Prettier's
 * rules in native code) would take about 0.05 s here against prettier's 1 s on Trieve 0.13.0, with output
 * that differs in 29 places; `npm run bench` measures `generate` with it in the same rounds
 * (bench/oxfmt-format-code.ts, docs/generate.md#formatting-prettier-and-oxfmt-measured-beside-it).
 */
export async function formatCode(code: string): Promise<string> {
  const prettier = await loadFormatter();
  return prettier.format(code, { parser: "typescript" });
}
