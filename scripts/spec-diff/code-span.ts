/**
 * Any text as one CommonMark code span (https://spec.commonmark.org/0.31.2/#code-spans), so that Markdown shows
 * it as it is and gives it no meaning: no link, no HTML, no emphasis, no `@mention` or `#123` on GitHub.
 *
 * - Delimited by a run of backticks one longer than the longest run inside: only a run of exactly that length
 *   closes a code span, so the text's own backticks are kept (replacing them, as we did, lost them).
 * - Padded with a space on each side when the text starts or ends with a backtick (it would join the
 *   delimiter), or starts and ends with a space: the parser strips one space from each side then, unless
 *   the text is all spaces, which is left as it is.
 * - An empty string cannot be a code span: it is shown as `(empty)`.
 * - Line breaks become `␤`: a code span may hold one, but a blank line ends the paragraph around it, and
 *   what follows would be Markdown again.
 */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, "␤");
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  if (oneLine === "") return "(empty)";
  const pad = /^`|`$/.test(oneLine) || (/^ [^]* $/.test(oneLine) && !/^ +$/.test(oneLine)) ? " " : "";
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}
