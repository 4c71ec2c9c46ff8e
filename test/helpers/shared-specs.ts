import { existsSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./project-copy.js";

/**
 * A Trieve spec from the workplace's shared/ folder (not committed: it is data, not ours). CI and the
 * work trees have shared/ beside the repository; a clone one folder deeper finds it one level up.
 */
export function sharedSpec(name: string): string {
  const candidates = ["..", "../.."].map((up) => path.resolve(projectRoot, up, "shared/specs/trieve", name));
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`${name} not found in ${candidates.join(" or ")}: the shared/ folder is missing`);
  return found;
}
