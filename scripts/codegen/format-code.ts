/** prettier, loaded once per thread (a second thread loads it while this one generates). */
export const loadPrettier = () => import("prettier");

/**
 * Step 3: formats the generated code with prettier, so that what is committed is what a
 * maintainer's editor would write (formatting is part of generation, as in hey-api).
 */
export async function formatCode(code: string): Promise<string> {
  const prettier = await loadPrettier();
  return prettier.format(code, { parser: "typescript" });
}
