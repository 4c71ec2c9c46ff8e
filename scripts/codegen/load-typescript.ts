import { createRequire } from "node:module";
import path from "node:path";
import type * as TS from "typescript";
import { loadPackage } from "./load-package.js";

const require = createRequire(import.meta.url);

const withLibCache = new WeakSet<object>();

/**
 * Loads typescript for this thread (from a V8 code cache, see load-package.ts) and makes every later
 * `require("typescript")` (typecheck.ts's, openapi-typescript's) return one instance that keeps
 * parsed lib files: every `ts.createProgram` parses lib.es2022.d.ts and its references again (about
 * 250 ms cold, most of a typecheck of the seed). This instance's `createCompilerHost` hands out the
 * SourceFiles of lib files parsed once per thread, as TypeScript's language service does through its
 * document registry: watch mode parses them once, and a save then typechecks in ~20 ms instead of ~250.
 */
export function loadTypeScript(): typeof TS {
  loadPackage("typescript");
  const entry = require.cache[require.resolve("typescript")]!;
  if (!withLibCache.has(entry.exports)) {
    entry.exports = libCaching(entry.exports as typeof TS, path.dirname(entry.filename));
    withLibCache.add(entry.exports);
  }
  return entry.exports as typeof TS;
}

function libCaching(ts: typeof TS, libDir: string): typeof TS {
  const parsed = new Map<string, TS.SourceFile | undefined>();
  const createCompilerHost: typeof ts.createCompilerHost = (options, setParentNodes) => {
    const host = ts.createCompilerHost(options, setParentNodes);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, ...rest) => {
      if (path.dirname(fileName) !== libDir) return getSourceFile(fileName, languageVersion, ...rest);
      const version = typeof languageVersion === "object" ? languageVersion.languageVersion : languageVersion;
      const key = `${version}\0${setParentNodes ?? false}\0${fileName}`;
      if (!parsed.has(key)) parsed.set(key, getSourceFile(fileName, languageVersion, ...rest));
      return parsed.get(key);
    };
    return host;
  };
  // typescript's exports are getters without setters, so the module is copied, not patched.
  return { ...ts, createCompilerHost };
}
