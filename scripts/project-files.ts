import { fileURLToPath } from "node:url";
import path from "node:path";

/** The project root, found from this file so that a copy of the project works on its own files. */
export const root = fileURLToPath(new URL("..", import.meta.url));

/** Paths relative to the root: they are what messages show. */
export const files = {
  spec: "spec/trieve.yaml",
  lintConfig: "redocly.yaml",
  output: "generated/trieve.ts",
} as const;

export const abs = (relative: string): string => path.join(root, relative);
