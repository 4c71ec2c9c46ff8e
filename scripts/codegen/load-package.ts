import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import { isMainThread } from "node:worker_threads";
import { abs } from "../shared/project-files.js";

const require = createRequire(import.meta.url);

/** Like the launcher's bundles: node_modules/.cache is where build tools keep what they can rebuild. */
const cacheDir = abs("node_modules/.cache/trieve-scripts/packages");

/** Packages that load as one file already, and those that are left to Node's require inside a bundle. */
const singleFile = new Set(["typescript"]);
const external = ["typescript"];

/** Bump to rebuild every cached bundle after a change of how they are built. */
const format = "1";

const loaded = new Map<string, unknown>();

/**
 * Loads a package of the pipeline's tools (redocly-openapi-core, openapi-typescript, typescript)
 * from one CommonJS file compiled from a V8 code cache, and returns its exports.
 *
 * Why: loading these tools is most of a cold `npm run generate` (see README, "Benchmark").
 * @redocly/openapi-core 2.x is 611 ES modules, which Node 20 resolves, reads and links one by one
 * (about 240 ms), and Node 20 keeps no compile cache for modules (`module.enableCompileCache` came in
 * 22.1; `v8-compile-cache` breaks openapi-typescript, whose CommonJS build requires an ESM package).
 * So each package is bundled once by esbuild into node_modules/.cache (keyed by its version), and
 * compiled with `vm.Script` and the `cachedData` V8 wrote on the first run: redocly 240 → ~75 ms,
 * openapi-typescript ~165 → ~90 ms, typescript ~170 → ~70 ms. The code that runs is the package's
 * own; the pipeline tests check that the output is byte for byte what the packages make unbundled.
 */
export function loadPackage(name: string): unknown {
  if (loaded.has(name)) return loaded.get(name);
  const dir = packageDir(name);
  const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  const key = createHash("sha256")
    .update([name, version, format, process.version, process.arch, esbuildVersion()].join("\0"))
    .digest("hex")
    .slice(0, 16);
  let file: string;
  let source: string;
  if (singleFile.has(name)) {
    file = require.resolve(name);
    source = readFileSync(file, "utf8");
  } else {
    file = path.join(cacheDir, `${name}-${key}.cjs`);
    source = existsSync(file) ? readFileSync(file, "utf8") : bundle(name, dir, file);
  }
  // One code cache per thread role: generate's worker thread (pipeline-thread.ts) runs TypeScript's
  // parser and checker, the main thread its factory and printer, and a cache holds what its writer ran.
  const role = isMainThread ? "" : ".worker";
  const exports = compileWithCodeCache(file, source, path.join(cacheDir, `${name}-${key}${role}.v8`));
  loaded.set(name, exports);
  return exports;
}

/** Where a package is installed: `require.resolve("x/package.json")` fails for packages whose `exports` omit it. */
function packageDir(name: string): string {
  for (const nodeModules of require.resolve.paths(name) ?? []) {
    if (existsSync(path.join(nodeModules, name, "package.json"))) return path.join(nodeModules, name);
  }
  throw new Error(`cannot find the package ${name}: run \`npm ci\``);
}

function esbuildVersion(): string {
  return (JSON.parse(readFileSync(require.resolve("esbuild/package.json"), "utf8")) as { version: string }).version;
}

function bundle(name: string, dir: string, file: string): string {
  const esbuild = require("esbuild") as typeof import("esbuild");
  const result = esbuild.buildSync({
    entryPoints: [name],
    absWorkingDir: dir,
    bundle: true,
    write: false,
    platform: "node",
    format: "cjs",
    target: "node20",
    external,
    logLevel: "silent",
  });
  writeAtomically(file, result.outputFiles[0]!.contents);
  return result.outputFiles[0]!.text;
}

function compileWithCodeCache(file: string, source: string, cacheFile: string): unknown {
  // An entry in require.cache makes later plain `require(name)` calls share this instance.
  const existing = require.cache[file];
  if (existing?.loaded) return existing.exports;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    cachedData,
    // so that a dynamic import() inside the package works as it would under require
    importModuleDynamically: (vm as unknown as { constants: { USE_MAIN_CONTEXT_DEFAULT_LOADER: never } }).constants
      .USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = new Module(file) as NodeJS.Module & { paths: string[] };
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    path.dirname(file),
  );
  require.cache[file] = module;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  // Written at exit rather than now: by then V8 has compiled the functions this run used (the
  // parser, the checker, the lint rules), and the cache holds them too: 5–10% off a later run.
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once("exit", () => writeAtomically(cacheFile, script.createCachedData()));
  }
  return module.exports;
}

function writeAtomically(file: string, data: Uint8Array): void {
  // A cache is an optimisation: a read-only node_modules must not fail the command.
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch {
    // the next run compiles without a cache again
  }
}
