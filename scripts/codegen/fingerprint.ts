import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { abs } from "../shared/project-files.js";
import { readInput } from "./inputs.js";

/**
 * What shapes the bytes of generated/ besides the spec and redocly.yaml:
 * - package-lock.json: the exact version of every package installed, nested ones included (a new
 *   @redocly/openapi-core 1.x under openapi-typescript can change its output as surely as a new
 *   openapi-typescript). Its entries for installed packages only: the project's own entry holds its
 *   version, which `spec:update --bump` writes together with generated/, and which shapes no byte of it;
 * - every file of the generator, scripts/codegen/ with its nested folders, and the project paths
 *   written into the header.
 * Change any of them and `generate -- --check` reports generated/ as stale. That is sometimes more
 * than needed (a new vitest changes the lockfile too), never less: the cost is a regeneration.
 */
const generatorDir = "scripts/codegen";
const otherInputs = ["scripts/shared/project-files.ts"];

/**
 * A hash of every input of generation. It lets `generate -- --check`, and `generate` with nothing
 * changed, answer without loading openapi-typescript, prettier, Redocly or TypeScript.
 */
export function inputsHash(specText: string, lintConfigText: string): string {
  const hash = createHash("sha256").update(specText).update("\0").update(lintConfigText);
  const generator = readdirSync(abs(generatorDir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(abs("."), path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
  hash.update("\0package-lock.json\0").update(installedPackages(readInput("package-lock.json")));
  for (const file of [...otherInputs, ...generator]) hash.update(`\0${file}\0`).update(readInput(file));
  return hash.digest("hex");
}

/** The lockfile's `packages` without the root entry (`""`, the project itself), as text to hash. */
function installedPackages(lockText: string): string {
  const { packages = {} } = JSON.parse(lockText) as { packages?: Record<string, unknown> };
  const { [""]: _project, ...installed } = packages;
  return JSON.stringify(installed);
}
