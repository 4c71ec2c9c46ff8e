import { PipelineError } from "../shared/pipeline-error.js";

/**
 * Checks for the mistakes a parser reports badly: an empty file, and an unresolved git merge
 * (two real commits of Trieve's spec contained conflict markers). Runs before any parser.
 */
export function checkSourceText(text: string, file: string): void {
  if (text.trim() === "") {
    throw new PipelineError("the file is empty: it should hold an OpenAPI 3.x document (YAML or JSON)", { file });
  }
  const marker = /^(<{7}|={7}|>{7})(?: |$)/m.exec(text);
  if (marker) {
    const line = text.slice(0, marker.index).split("\n").length;
    throw new PipelineError(
      `git conflict marker "${marker[1]}": resolve the merge conflict in this file, then run the command again`,
      { file, line, column: 1 },
    );
  }
}
