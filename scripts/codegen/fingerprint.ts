import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { abs } from "../shared/project-files.js";

const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/**
 * Everything that shapes the bytes of generated/ besides the spec and redocly.yaml: the tools'
 * versions and the source of the steps that emit or rewrite code. Edit one of these and
 * `generate -- --check` reports generated/ as stale, as it should.
 */
const generatorSources = [
  "scripts/codegen/generate-types.ts",
  "scripts/codegen/fix-recursive-types.ts",
  "scripts/codegen/format-code.ts",
  "scripts/codegen/generated-header.ts",
];
// typescript: its printer writes the AST that openapi-typescript and fix-recursive-types.ts build.
const generatorPackages = ["openapi-typescript", "typescript", "prettier"];

const require = createRequire(import.meta.url);

/**
 * A hash of every input of generation. It lets `generate -- --check`, and `generate` with nothing
 * changed, answer without loading openapi-typescript, prettier or TypeScript.
 */
export function inputsHash(specText: string, lintConfigText: string): string {
  const hash = createHash("sha256").update(specText).update("\0").update(lintConfigText);
  for (const name of generatorPackages) {
    const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string };
    hash.update(`\0${name}@${manifest.version}`);
  }
  for (const file of generatorSources) hash.update("\0").update(readFileSync(abs(file)));
  return hash.digest("hex");
}

export { sha256 };
