/**
 * Runs a TypeScript command of scripts/ without tsx: `node scripts/launch.mjs generate.ts --check`.
 *
 * Why: `node --import tsx` costs about 130 ms before the first line of a command runs, and tsx's
 * hooks slow every later require (typescript loads about twice as slowly under them). That alone
 * would spend most of the budget of `generate -- --check`, which must answer in a fraction of the
 * naive pipeline's time. So this plain-JS file bundles the command (our scripts/ only; packages stay
 * external) with esbuild once, caches the bundle under node_modules/.cache keyed by a hash of every
 * file in scripts/, and imports it. A cache hit costs reading scripts/ (about 60 kB) and one hash.
 *
 * A bundle sees one `import.meta.url` for all the modules inside it. Ours only use it to find files
 * next to scripts/ (the project root, createRequire), so the bundle gets this launcher's URL instead:
 * it sits in scripts/ of the project that runs it, even when node_modules is a symlink shared by
 * several copies of the project (the pipeline tests do that), so one cached bundle serves them all.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const launcherUrl = import.meta.url;
const scriptsDir = path.dirname(fileURLToPath(launcherUrl));
const root = path.dirname(scriptsDir);
const require = createRequire(launcherUrl);

/** Read by the bundle's banner: the URL its modules see as `import.meta.url`. */
const urlKey = Symbol.for("trieve-ts-client.launcher-url");

function fail(message) {
  console.error(`✖ ${message}`);
  process.exit(2);
}

function bundleKey() {
  const hash = createHash("sha256").update(readFileSync(fileURLToPath(launcherUrl)));
  hash.update(JSON.parse(readFileSync(require.resolve("esbuild/package.json"), "utf8")).version);
  for (const name of readdirSync(scriptsDir, { recursive: true }).sort()) {
    if (name.endsWith(".ts")) hash.update(`\0${name}\0`).update(readFileSync(path.join(scriptsDir, name)));
  }
  return hash.digest("hex").slice(0, 16);
}

async function build(command, entryFile, outFile) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [entryFile],
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    define: { "import.meta.url": "__launcherUrl" },
    banner: { js: `const __launcherUrl = globalThis[Symbol.for("${urlKey.description}")] ?? import.meta.url;` },
    // Stack traces point into the bundle; with DEBUG set, Node maps them back to scripts/*.ts.
    sourcemap: "inline",
    sourceRoot: scriptsDir,
    logLevel: "silent",
  });
  const dir = path.dirname(outFile);
  mkdirSync(dir, { recursive: true });
  // Atomic: the pipeline tests start several commands at once, and they share this cache.
  const temp = `${outFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, result.outputFiles[0].contents);
  renameSync(temp, outFile);
  // Keep one bundle per command: older ones were built from older sources.
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`${command}-`) && name.endsWith(".mjs") && path.join(dir, name) !== outFile) {
      rmSync(path.join(dir, name), { force: true });
    }
  }
}

const entry = process.argv[2];
if (!entry || !/^([a-z0-9-]+\/)?[a-z0-9-]+\.ts$/.test(entry)) {
  fail(`usage: node scripts/launch.mjs <command>.ts [args…], e.g. generate.ts; got ${JSON.stringify(entry ?? "")}`);
}
const entryFile = path.join(scriptsDir, entry);
const command = entry.slice(0, -3).replace("/", "-");
const outFile = path.join(root, "node_modules", ".cache", "trieve-scripts", `${command}-${bundleKey()}.mjs`);
if (!existsSync(outFile)) {
  try {
    await build(command, entryFile, outFile);
  } catch (cause) {
    fail(`cannot compile scripts/${entry}: ${cause.errors?.[0]?.text ?? cause.message} (is \`npm ci\` done?)`);
  }
}
if (process.env.DEBUG) process.setSourceMapsEnabled(true);
globalThis[urlKey] = launcherUrl;
// The command sees the same process.argv as under `node scripts/<command>`: its own arguments from index 2.
process.argv.splice(1, 2, entryFile);
await import(pathToFileURL(outFile).href);
