import { existsSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./project-copy.js";

/** Where Trieve's real specs live: beside the project, read at test time and never copied into it. */
export const sharedSpecsDir = path.join(projectRoot, "..", "shared", "specs", "trieve");

export type TrieveVersion = "0.12.1" | "0.13.0";

/**
 * The path of one of Trieve's real specs: `../shared/specs/trieve/trieve-openapi-<version>.json`, or the
 * file that `TRIEVE_SPEC_0_13_0` (`TRIEVE_SPEC_0_12_1`) names, relative to the project. GitHub's runners
 * have no ../shared: .github/workflows/ci.yml checks out Trieve's repository at the commits that
 * ../shared/specs/trieve/README.md names and points these variables at its `clients/ts-sdk/openapi.json`.
 * A missing file fails the test that needs it, in CI and everywhere else: these tests are the proof that
 * real specs go through, so they never skip.
 */
export function sharedSpec(version: TrieveVersion, dir = sharedSpecsDir): string {
  const variable = `TRIEVE_SPEC_${version.replaceAll(".", "_")}`;
  const named = process.env[variable];
  const file = named ? path.resolve(projectRoot, named) : path.join(dir, `trieve-openapi-${version}.json`);
  if (!existsSync(file))
    throw new Error(
      `${file} is missing: Trieve's specs must sit in ../shared/specs/trieve beside the project, or ${variable} must name the file (see docs/contributing.md, "CI")`,
    );
  return file;
}
