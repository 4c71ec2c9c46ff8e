import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { projectRoot } from "../helpers/project-copy.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** The entries the runtimes run; each imports "trieve-ts-client" by name, as a user's code does. */
const entries = ["scenario.mjs", "cli-main.mjs", "worker-main.mjs", "page-main.mjs"];

/**
 * A throwaway project with the package installed as a user's would be: node_modules/trieve-ts-client holds
 * our package.json and the dist/ that `npm run build` writes there (`--outDir`), and each of our dependencies
 * links to the copy `npm ci` installed. Its own build, not the project's dist/, so that it never races
 * package-consumer.test.ts, whose `npm pack` rebuilds dist/ while other test files run. Returns the folder.
 */
export async function makeConsumer(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "trieve-runtimes-"));
  const installed = path.join(dir, "node_modules", "trieve-ts-client");
  mkdirSync(installed, { recursive: true });
  await promisify(execFile)(npm, ["run", "build", "--silent", "--", "--outDir", path.join(installed, "dist")], {
    cwd: projectRoot,
  });
  copyFileSync(path.join(projectRoot, "package.json"), path.join(installed, "package.json"));
  const { dependencies } = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  for (const name of Object.keys(dependencies))
    symlinkSync(path.join(projectRoot, "node_modules", name), path.join(dir, "node_modules", name), "dir");
  for (const entry of entries) copyFileSync(path.join(here, entry), path.join(dir, entry));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  return dir;
}
