import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { projectRoot } from "../helpers/project-copy.js";

// The runtimes the built client is tested on (Chromium, Bun, Deno, workerd, Node 22 and 24), and the stand-in
// npm registry the release test publishes to (verdaccio), weigh about 850 MB, which `npm ci` of the project
// should not pay: a maintainer who only generates or updates the spec
// needs none of them. So they have a package.json and lockfile of their own here, installed with `npm ci`
// into test/runtimes/node_modules on first use and reused while the lockfile is the same. That folder is
// outside the project's node_modules/.bin, which matters for the `node` package: its bin is named `node`
// and would otherwise become the `node` of every npm script.
const here = path.join(projectRoot, "test", "runtimes");
const installed = path.join(here, "node_modules");
/** What the install was made from, byte for byte; written last, so its presence means the install is whole. */
const stamp = path.join(installed, ".installed-from.json");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

const manifest = (): string =>
  JSON.stringify({
    "package.json": readFileSync(path.join(here, "package.json"), "utf8"),
    "package-lock.json": readFileSync(path.join(here, "package-lock.json"), "utf8"),
  });

const current = (): boolean => existsSync(stamp) && readFileSync(stamp, "utf8") === manifest();

/**
 * `npm ci` in a staging folder, then one rename into place, so that a failed or cut install leaves nothing
 * half-made. Several test files (runtimes, the release workflow's registry, the benchmark's Node 24) may ask at
 * once, from several processes: a lock folder lets one install while the others wait for it (a lock whose
 * process is gone is taken over).
 */
async function install(): Promise<void> {
  while (!current()) {
    if (takeLock()) {
      try {
        if (!current()) await installNow();
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    } else await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const lock = path.join(here, ".install-lock");

function takeLock(): boolean {
  try {
    mkdirSync(lock);
    writeFileSync(path.join(lock, "pid"), String(process.pid));
    return true;
  } catch {
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(path.join(lock, "pid"), "utf8"));
    } catch {
      return false; // taken a moment ago, its pid not written yet
    }
    try {
      process.kill(owner, 0); // alive: wait for it
      return false;
    } catch {
      rmSync(lock, { recursive: true, force: true }); // its process died mid-install
      return false;
    }
  }
}

async function installNow(): Promise<void> {
  const staging = path.join(here, `.install-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  for (const file of ["package.json", "package-lock.json", ".npmrc"])
    cpSync(path.join(here, file), path.join(staging, file));
  try {
    // From npm's cache when it has them; install scripts run as package.json's allowScripts says.
    await promisify(execFile)(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: staging,
      env: { ...process.env, npm_config_prefer_offline: "true" },
    });
    writeFileSync(path.join(staging, "node_modules", path.basename(stamp)), manifest());
    rmSync(installed, { recursive: true, force: true });
    renameSync(path.join(staging, "node_modules"), installed);
  } catch (error) {
    throw new Error(`test/runtimes: \`npm ci\` failed; run it there by hand to see why (${String(error)})`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

let installing: Promise<void> | undefined;

/** test/runtimes/node_modules, installed from test/runtimes/package-lock.json if it is missing or stale. */
export async function installRuntimes(): Promise<string> {
  await (installing ??= install());
  return installed;
}

/** The path of a command the runtimes install: `bun`, `deno`. */
export async function runtimeBin(name: "bun" | "deno"): Promise<string> {
  return path.join(await installRuntimes(), ".bin", name);
}

/** The path of the pinned Node binary of `major`, from the registry's `node` package (aliases node22, node24). */
export async function nodeBinary(major: 22 | 24): Promise<string> {
  return path.join(await installRuntimes(), `node${major}`, "bin", "node");
}

/**
 * A package installed here (miniflare, playwright-core, @sparticuz/chromium, verdaccio), imported from their folder.
 * The project's own TypeScript cannot see their types (they are not installed with it), so each caller
 * declares the little it uses as `T`.
 */
export async function importRuntimePackage<T>(name: string): Promise<T> {
  await installRuntimes();
  const require = createRequire(path.join(here, "package.json"));
  // require.resolve finds the package's CommonJS or "default" entry; import() then loads it either way.
  return (await import(pathToFileURL(require.resolve(name)).href)) as T;
}
