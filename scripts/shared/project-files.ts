import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root: the nearest folder above this file with a package.json, so that a copy of the project works on its own files. */
export const root = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(dir: string): string {
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

/** Paths relative to the root: they are what messages show. */
export const files = {
  spec: "spec/trieve.yaml",
  lintConfig: "redocly.yaml",
  output: "generated/trieve.ts",
  /** the runtime table of the operations that declare TR-Dataset or TR-Organization (codegen/scoped-headers.ts) */
  scopedHeaders: "generated/scoped-headers.ts",
} as const;

export const abs = (relative: string): string => path.join(root, relative);
