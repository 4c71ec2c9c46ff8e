import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { fixRecursiveTypes } from "./fix-recursive-types.js";
import { scopedOperations, type ScopedOperations } from "./scoped-headers.js";
import { PipelineError } from "../shared/pipeline-error.js";

const require = createRequire(import.meta.url);

/**
 * Step 2: turns the spec into TypeScript path types with openapi-typescript's Node API.
 * Lint already ran with the project's config, so generation gets openapi-typescript's own permissive
 * default (`minimal`, through its bundled @redocly/openapi-core 1.x): a second, stricter gate on
 * another engine would only disagree with the first one (see ../shared/toolchain-notes.md).
 * Not an empty config (`redocly: await createConfig({}, { extends: [] })`), although it gives the same bytes:
 * openapi-typescript lints with whatever config it is given, and resolving and walking the document is that
 * lint's cost, not minimal's rules (CPU of a cold openapiTS() under load, empty against minimal: 0.93 against
 * 1.01 s on Trieve 0.13.0, medians of 6 within each other's spread; 5.12 against 5.15 s on the bench's 10× spec,
 * medians of 3), while minimal's errors (`struct`, unresolved `$ref`s, duplicate operationIds) stay a second net
 * behind ours.
 * Recursive schemas are then rewritten so that they compile (fix-recursive-types.ts).
 *
 * Through `require`, its CommonJS build: its ESM build imports typescript, and Node's ESM loader
 * scans typescript's 9 MB CommonJS file for named exports (about 400 ms more, see
 * ../shared/toolchain-notes.md).
 *
 * It is given the spec's text, which the pipeline has read already, rather than the file: openapi-typescript
 * then parses a JSON document (Trieve's real specs are JSON) with JSON.parse, not with its YAML parser, as it
 * does for any file named .yaml (0.07–0.13 s of CPU less on Trieve 0.13.0, on the critical path). `cwd`, the
 * spec's folder, keeps relative `$ref`s resolving from where the spec is.
 */
export async function generateTypes(specPath: string, shownAs: string, specText?: string): Promise<string> {
  return (await generateTypesAndTable(specPath, shownAs, specText)).code;
}

/** generateTypes, and the table of scoped operations read from the same nodes (scoped-headers.ts). */
export async function generateTypesAndTable(
  specPath: string,
  shownAs: string,
  specText?: string,
): Promise<{ code: string; scoped: ScopedOperations }> {
  const { default: openapiTS, astToString } = require("openapi-typescript") as typeof import("openapi-typescript");
  try {
    const text = specText ?? readFileSync(specPath, "utf8");
    const cwd = pathToFileURL(path.dirname(path.resolve(specPath)) + path.sep);
    const ast = await openapiTS(text, { silent: true, cwd });
    const { nodes } = fixRecursiveTypes(ast);
    return { code: astToString(nodes), scoped: scopedOperations(nodes) };
  } catch (cause) {
    throw new PipelineError(
      `openapi-typescript could not generate types: ${(cause as Error).message}`,
      { file: shownAs },
      "openapi-typescript",
    );
  }
}
