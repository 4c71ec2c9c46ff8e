import { PipelineError } from "../shared/pipeline-error.js";

/** The version bump a spec update calls for; `--json` prints it, `--bump` applies it to package.json. */
export type Bump = "major" | "minor" | "patch" | "none";

/**
 * What an update does to the package's users: breaks them (the differ or the compile gate says so), adds
 * something (operations, or changes the differ calls harmless), only rewrites files (descriptions, unused
 * components, a new generator), or nothing at all.
 */
export type Impact = "breaking" | "additions" | "rewrite" | "none";

const semver = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/;

function parse(version: string): [number, number, number] {
  const match = semver.exec(version);
  if (!match)
    throw new PipelineError(`version "${version}" is not x.y.z: fix it in package.json`, { file: "package.json" });
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The bump under semver, with 0.x treated as npm treats it: `^0.1.0` accepts 0.1.x only, so in 0.x the minor
 * is what the major is from 1.0 on (a breaking change bumps it) and anything else is a patch; and `^0.0.3`
 * accepts 0.0.3 only, so in 0.0.x every change is a patch, which no range picks up on its own.
 * https://docs.npmjs.com/cli/v11/configuring-npm/package-json#dependencies (caret ranges).
 */
export function bumpFor(impact: Impact, version: string): Bump {
  if (impact === "none") return "none";
  const [major, minor] = parse(version);
  if (major > 0) return impact === "breaking" ? "major" : impact === "additions" ? "minor" : "patch";
  if (minor > 0) return impact === "breaking" ? "minor" : "patch";
  return "patch";
}

/** `0.1.0` + minor → `0.2.0`. A pre-release or build tag is dropped: a bump releases. */
export function nextVersion(version: string, bump: Bump): string {
  const [major, minor, patch] = parse(version);
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  if (bump === "patch") return `${major}.${minor}.${patch + 1}`;
  return version;
}

/**
 * package.json or package-lock.json with the new version, as `npm version` writes them (JSON with two-space
 * indent and a final newline; the lock holds the version twice, at the top and as the root package).
 */
export function withVersion(jsonText: string, version: string): string {
  const json = JSON.parse(jsonText) as { version?: string; packages?: Record<string, { version?: string }> };
  json.version = version;
  const rootPackage = json.packages?.[""];
  if (rootPackage) rootPackage.version = version;
  return `${JSON.stringify(json, null, 2)}\n`;
}
