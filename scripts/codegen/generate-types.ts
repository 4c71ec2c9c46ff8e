import { pathToFileURL } from "node:url";
import { fixRecursiveTypes } from "./fix-recursive-types.js";
import { loadPackage } from "./load-package.js";
import { PipelineError } from "../shared/pipeline-error.js";

/**
 * Step 2: turns the spec into TypeScript path types with openapi-typescript's Node API.
 * Lint already ran with the project's config, so generation gets openapi-typescript's own permissive
 * default (`minimal`, through its bundled @redocly/openapi-core 1.x): a second, stricter gate on
 * another engine would only disagree with the first one (see ../shared/toolchain-notes.md).
 * Recursive schemas are then rewritten so that they compile (fix-recursive-types.ts).
 */
export async function generateTypes(specPath: string, shownAs: string): Promise<string> {
  const { default: openapiTS, astToString } = loadPackage("openapi-typescript") as typeof import("openapi-typescript");
  try {
    const ast = await openapiTS(pathToFileURL(specPath), { silent: true });
    return astToString(fixRecursiveTypes(ast).nodes);
  } catch (cause) {
    throw new PipelineError(
      `openapi-typescript could not generate types: ${(cause as Error).message}`,
      { file: shownAs },
      "openapi-typescript",
    );
  }
}
