import { spawn } from "node:child_process";
import { createRequire } from "node:module";

/**
 * TypeScript 7's `tsc` (the native compiler), installed as the project's `tsc7` (tools/tsc7/tsc7.mjs says why
 * it is not called `tsc`), for the checks that need diagnostics only, no TypeScript API: the pipeline's
 * typecheck and the compile gate. test/typescript-7.test.ts shows that it reports what 5.9 reports.
 * Resolved through the project's node_modules (a `file:` dependency), also from a copy of the project whose
 * node_modules links to ours.
 */
const tsc7 = createRequire(import.meta.url).resolve("tsc7");

/** Runs `tsc7 <args>` in `cwd`; its stdout and stderr together, as a user would see them. */
export function runTsc7(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [tsc7, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

/** One error of `tsc7 --pretty false` output; `file` is as printed, and absent for a config error. */
export interface Tsc7Error {
  file?: string;
  line: number;
  column: number;
  /** `TS2345` */
  code: string;
  message: string;
}

/** `src/user.ts(29,3): error TS2345: Argument of type …`, or `error TS5083: …` without a file. */
const diagnostic = /^(?:(.+?)\((\d+),(\d+)\): )?error (TS\d+): (.*)$/;

/**
 * The errors of `--pretty false` output, in order. A chained message goes on as indented lines: they are
 * joined into one, as TypeScript's flattenDiagnosticMessageText(…, " ") does.
 */
export function parseTsc7Errors(output: string): Tsc7Error[] {
  const errors: Tsc7Error[] = [];
  for (const line of output.split("\n")) {
    const match = diagnostic.exec(line);
    if (match) {
      const [, file, at, column, code, message] = match;
      errors.push({ file, line: Number(at ?? 0), column: Number(column ?? 0), code: code!, message: message! });
    } else if (/^\s+\S/.test(line) && errors.length > 0) errors[errors.length - 1]!.message += ` ${line.trim()}`;
  }
  return errors;
}
