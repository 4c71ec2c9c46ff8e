import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../helpers/project-copy.js";

// Node 22 and 24 come from the npm registry's `node` package, whose bin is named `node`. As devDependencies
// they would land in node_modules/.bin, which npm puts first on PATH, and become the `node` of every npm
// script (and the two would collide). So node-versions/ pins them in a package and lockfile of their own,
// installed with `npm ci` into node_modules/.cache/, where no PATH looks; `npm ci` of the project deletes
// that folder with the rest of node_modules, so it never outlives a lockfile change.
const manifest = path.join(projectRoot, "test/runtimes/node-versions");
const installed = path.join(projectRoot, "node_modules/.cache/trieve-runtimes/node-versions");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const execFileAsync = promisify(execFile);

const pinned = JSON.parse(readFileSync(path.join(manifest, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
};

/** `node22` → "22.23.3", from the pin `npm:node@22.23.3` */
const versionOf = (alias: string): string => pinned.dependencies[alias]!.replace(/^npm:node@/, "");
const binaryOf = (alias: string): string => path.join(installed, "node_modules", alias, "bin", "node");

async function reportedVersion(alias: string): Promise<string | undefined> {
  try {
    return (await execFileAsync(binaryOf(alias), ["--version"])).stdout.trim();
  } catch {
    return undefined; // not installed yet
  }
}

async function allPresent(): Promise<boolean> {
  const aliases = Object.keys(pinned.dependencies);
  const versions = await Promise.all(aliases.map(reportedVersion));
  return aliases.every((alias, i) => versions[i] === `v${versionOf(alias)}`);
}

/** Installs into a staging folder and renames it into place, so a failed or cut install leaves nothing half-made. */
async function install(): Promise<void> {
  if (await allPresent()) return;
  const staging = `${installed}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const file of ["package.json", "package-lock.json"]) cpSync(path.join(manifest, file), path.join(staging, file));
  // From npm's cache when it has them (also for the `node` package's own preinstall, through the env).
  await execFileAsync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: staging,
    env: { ...process.env, npm_config_prefer_offline: "true" },
  });
  rmSync(installed, { recursive: true, force: true });
  renameSync(staging, installed);
  if (!(await allPresent())) throw new Error(`test/runtimes/node-versions: npm ci did not install ${installed}`);
}

let installing: Promise<void> | undefined;

/** The path of the pinned Node binary `alias` (`node22`, `node24`), installing them all on first use. */
export async function nodeBinary(alias: string): Promise<string> {
  await (installing ??= install());
  return binaryOf(alias);
}
