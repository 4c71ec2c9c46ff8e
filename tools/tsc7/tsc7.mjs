#!/usr/bin/env node
/**
 * `tsc7 [args…]`: TypeScript 7's `tsc`, the native (Go) compiler, with the arguments given.
 *
 * Why a package of its own: typescript@7 names its bin `tsc`, like typescript@5.9, which the project keeps
 * for openapi-typescript and for everything that needs TypeScript's API (TypeScript 7 ships no
 * `ts.createProgram`). Installed side by side (even under an npm alias), both packages link
 * node_modules/.bin/tsc and one silently wins. As a dependency of this folder (`file:tools/tsc7` in the
 * project's package.json), typescript@7 is installed into tools/tsc7/node_modules, its `tsc` bin stays
 * there, and the project's node_modules/.bin gets `tsc` (5.9) and `tsc7` (this file), nothing else.
 *
 * This runs typescript@7's own bin, found through its package.json (`bin.tsc`): that script picks the
 * compiler of this platform from its optional dependencies (@typescript/typescript-<os>-<arch>).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const manifest = require.resolve("typescript/package.json");
const { bin, version } = JSON.parse(readFileSync(manifest, "utf8"));
if (!version.startsWith("7.")) throw new Error(`tools/tsc7 found typescript ${version}, not 7.x: run npm ci`);
await import(pathToFileURL(path.join(path.dirname(manifest), bin.tsc)).href);
