import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import type { ScenarioInput } from "./scenario-server.js";

/** One runtime of docs/runtimes.md's list: how to run scenario.mjs there. */
export interface Runtime {
  name: string;
  /** runs scenario.mjs in `consumer` (consumer.ts) on this runtime against `input.baseUrl`; its outcome (JSON) */
  run(input: ScenarioInput, consumer: string): Promise<unknown>;
  /** the client calls from a page on another origin, so a CORS preflight comes before the DELETEs */
  crossOrigin?: boolean;
}

const execFileAsync = promisify(execFile);

/**
 * Runs cli-main.mjs with `command` and returns what it printed, parsed. Asynchronous, so that runtimes run
 * side by side and the local server (in this process) can answer; a non-zero exit rejects with its stderr.
 */
export async function runCliMain(
  command: string,
  args: string[],
  input: ScenarioInput,
  consumer: string,
  env: NodeJS.ProcessEnv = {},
): Promise<unknown> {
  const { stdout } = await execFileAsync(command, [...args, "cli-main.mjs", JSON.stringify(input)], {
    cwd: consumer,
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return JSON.parse(stdout);
}

/**
 * Bundles an entry of `consumer` with esbuild for a runtime that loads one script (workerd, a page), as a
 * user's bundler would: `trieve-ts-client` resolves through its "exports" to dist/. `platform: "browser"`
 * makes any `node:` import in the package fail the build.
 */
export async function bundle(entry: string, consumer: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(consumer, entry)],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
