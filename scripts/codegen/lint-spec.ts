import path from "node:path";
import { PipelineError } from "../shared/pipeline-error.js";

export interface LintResult {
  errors: number;
  /** warning counts by rule, most frequent first: 0.13.0 has over 500, so they are never listed one by one */
  warningsByRule: Array<[rule: string, count: number]>;
}

/**
 * Step 1: lints the spec with the project's Redocly config (redocly.yaml), in process.
 * The config is the single gate: errors stop the pipeline, warnings are counted by rule.
 * `@redocly/cli` is a bundle with no API, so this uses its engine, `@redocly/openapi-core` 2.x
 * (installed under the alias `redocly-openapi-core` beside the 1.x that openapi-typescript needs).
 */
export async function lintSpec(
  text: string,
  specPath: string,
  configPath: string,
  shownAs: string,
): Promise<LintResult> {
  const redocly = await import("redocly-openapi-core");
  const config = await redocly.loadConfig({ configPath }).catch((cause: Error) => {
    throw new PipelineError(`invalid lint config: ${cause.message}`, { file: path.basename(configPath) });
  });
  let document;
  try {
    document = redocly.makeDocumentFromString(text, specPath);
  } catch (cause) {
    throw parseFailure(cause, shownAs);
  }
  assertOpenApi3(document.parsed, shownAs);
  const problems = await redocly.lintDocument({
    document,
    config,
    externalRefResolver: new redocly.BaseResolver(config.resolve),
  });
  const errors = problems.filter((p) => p.severity === "error" && !p.ignored);
  if (errors.length > 0) {
    const first = errors[0]!;
    const start = first.location[0] ? redocly.getLineColLocation(first.location[0]).start : undefined;
    const more =
      errors.length > 1
        ? ` (and ${errors.length - 1} more lint error${errors.length > 2 ? "s" : ""}: run \`npx redocly lint ${shownAs}\` to see all)`
        : "";
    throw new PipelineError(
      `${first.message}${more}`,
      { file: shownAs, line: start?.line, column: start?.col },
      first.ruleId,
    );
  }
  const counts = new Map<string, number>();
  for (const p of problems)
    if (p.severity === "warn" && !p.ignored) counts.set(p.ruleId, (counts.get(p.ruleId) ?? 0) + 1);
  return { errors: 0, warningsByRule: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])) };
}

/** Redocly also lints Swagger 2.0, AsyncAPI and more; openapi-typescript and our client need OpenAPI 3.x. */
function assertOpenApi3(parsed: unknown, file: string): void {
  const version = (parsed as { openapi?: unknown } | null)?.openapi;
  if (typeof version === "string" && /^3\.\d+(\.\d+)?$/.test(version)) return;
  const found =
    typeof parsed !== "object" || parsed === null || Array.isArray(parsed)
      ? `a ${Array.isArray(parsed) ? "list" : typeof parsed === "object" ? "null" : typeof parsed}`
      : "swagger" in parsed
        ? `Swagger ${String((parsed as { swagger: unknown }).swagger)}`
        : version === undefined
          ? "a document without an `openapi` field"
          : `openapi: ${String(version)}`;
  throw new PipelineError(
    `not an OpenAPI 3.x document: found ${found}; convert it to OpenAPI 3.0 or 3.1 first`,
    { file },
    "parser",
  );
}

/** Redocly throws a YamlParseError (with line and column) for bad YAML, and plain errors for documents it cannot type. */
function parseFailure(cause: unknown, file: string): PipelineError {
  const err = cause as { name?: string; message?: string; line?: number; col?: number };
  if (err.name === "YamlParseError" || typeof err.line === "number") {
    const reason = (err.message ?? "").replace(/ in "[^"]*" \(\d+:\d+\)$/, "");
    return new PipelineError(`not valid YAML or JSON: ${reason}`, { file, line: err.line, column: err.col }, "parser");
  }
  return new PipelineError(`cannot parse the document: ${err.message ?? String(cause)}`, { file }, "parser");
}
