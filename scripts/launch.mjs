/**
 * Runs a TypeScript command of scripts/ without tsx: `node scripts/launch.mjs generate.ts --check`.
 *
 * Why not `node --import tsx`: tsx costs about 130 ms before a command's first line, and its hooks
 * slow every later `require` (typescript loads about twice as slowly under them). `--check` must
 * answer in a fifth of the naive pipeline's time, `npm run` included, so that alone would not fit.
 *
 * So this plain-JS file compiles scripts/, and src/ which spec:update imports (the operations src/ calls),
 * to JavaScript with esbuild, one output file per source file (a transform: nothing is bundled, packages
 * load from node_modules as usual), into .cache/scripts/<key>/scripts/ and .../src/, and imports the
 * command from there. The key hashes this file, package-lock.json (esbuild's version) and every .ts file
 * under scripts/ and src/, nested folders included: any edit gives a new folder, so what runs is never
 * older than the source. A run with a warm cache costs reading and hashing about 250 kB.
 *
 * The compiled files sit in the project, below its root, so `import.meta.url` and package resolution
 * work in them as in the sources (scripts/shared/project-files.ts finds the root from its own
 * location). Not in node_modules/.cache: Node resolves symlinks, so in a copy of the project whose
 * node_modules links to ours, the copy's commands would run as ours, on our files.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import module from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const scriptsDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(scriptsDir);
/** What is compiled: the commands, and the client's sources that they import. */
const compiledDirs = ["scripts", "src"];
const cacheDir = path.join(root, ".cache", "scripts");

// Node 22.1+: V8 code caches of every module loaded from here on, kept and checked by Node itself.
// Node 20 has no public equivalent, so it loads the tools without one.
module.enableCompileCache?.(path.join(root, ".cache", "node"));

function fail(message) {
  console.error(`✖ ${message}`);
  process.exit(2);
}

/** Every .ts file of compiledDirs, relative to the root (a copy of the project for `generate` may have no src/). */
function sources() {
  return compiledDirs
    .filter((dir) => existsSync(path.join(root, dir)))
    .flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true })
        .filter((name) => name.endsWith(".ts"))
        .map((name) => path.join(dir, name)),
    )
    .sort();
}

function cacheKey(names) {
  const hash = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update("\0").update(readFileSync(path.join(root, "package-lock.json")));
  for (const name of names) hash.update(`\0${name}\0`).update(readFileSync(path.join(root, name)));
  return hash.digest("hex").slice(0, 16);
}

async function compile(names, outDir) {
  const esbuild = await import("esbuild");
  // Built beside the final folder and renamed into place: tests start several commands at once.
  const temp = `${outDir}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: names.map((name) => path.join(root, name)),
    outdir: temp,
    outbase: root,
    bundle: false,
    platform: "node",
    format: "esm",
    target: "node20",
    // With DEBUG set, Node maps stack traces back to scripts/**/*.ts.
    sourcemap: "inline",
    logLevel: "silent",
  });
  try {
    renameSync(temp, outDir);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(outDir)) throw error; // else another process just built the same folder
  }
  // Folders built from older sources are never used again.
  for (const name of readdirSync(cacheDir)) {
    if (path.join(cacheDir, name) !== outDir && !name.endsWith(".tmp"))
      rmSync(path.join(cacheDir, name), { recursive: true, force: true });
  }
}

const entry = process.argv[2];
if (!entry || !/^([a-z0-9-]+\/)?[a-z0-9-]+\.ts$/.test(entry)) {
  fail(`usage: node scripts/launch.mjs <command>.ts [args…], e.g. generate.ts; got ${JSON.stringify(entry ?? "")}`);
}
const names = sources();
const outDir = path.join(cacheDir, cacheKey(names));
if (!existsSync(outDir)) {
  try {
    mkdirSync(cacheDir, { recursive: true });
    await compile(names, outDir);
  } catch (cause) {
    fail(`cannot compile scripts/ and src/: ${cause.errors?.[0]?.text ?? cause.message} (is \`npm ci\` done?)`);
  }
}
if (process.env.DEBUG) process.setSourceMapsEnabled(true);
// The command sees the same process.argv as under `node scripts/<command>`: its own arguments from index 2.
process.argv.splice(1, 2, path.join(scriptsDir, entry));
await import(pathToFileURL(path.join(outDir, "scripts", entry.replace(/\.ts$/, ".js"))).href);
