import { existsSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./project-copy.js";

/** Where Trieve's real specs live: beside the project, read at test time and never copied into it. */
export const sharedSpecsDir = path.join(projectRoot, "..", "shared", "specs", "trieve");

export type TrieveVersion = "0.12.1" | "0.13.0";

/**
 * The path of one of Trieve's real specs. A missing one fails the test that needs it, in CI (CI=true)
 * and everywhere else: these tests are the proof that real specs go through, so they never skip.
 */
export function sharedSpec(version: TrieveVersion, dir = sharedSpecsDir): string {
  const file = path.join(dir, `trieve-openapi-${version}.json`);
  if (!existsSync(file))
    throw new Error(
      `${file} is missing: Trieve's specs must sit in ../shared/specs/trieve beside the project (see README.md, "Updating the spec")`,
    );
  return file;
}
