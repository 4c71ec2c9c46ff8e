/**
 * A prototype of the compile gate (spec-diff/compile-gate.ts) on TypeScript 7's native `tsc`, to be adopted
 * once that file's current rework is merged (issue 16). Same question, same answer type: do the project's
 * files that use the generated types (compileGateFiles) compile against a NEW generated/trieve.ts?
 *
 * TypeScript 7 has no compiler API to hand it a file from memory, so the new text goes to disk, in an overlay:
 * a throwaway folder under .cache/ that mirrors the project's layout, with the new generated/trieve.ts and a
 * copy of every .ts file of src/, examples/, test/ and scripts/ (the gate's files and whatever they import:
 * about 0.5 MB), and a tsconfig.json that extends the project's and lists the gate's files. Copies, not
 * symlinks: the compiler resolves a symlink to its real path, and `../generated/trieve.js` would then be the
 * old file. Packages resolve from the project's node_modules, above the overlay. Nothing of the project is
 * written; the overlay is removed afterwards, whatever the verdict.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { compileGateFiles, type CompileError } from "../spec-diff/compile-gate.js";
import { abs, files, root } from "./project-files.js";

const copied = ["src", "examples", "test", "scripts"];
// tools/tsc7 through the project's node_modules (`file:` dependency), also from a copy of the project whose
// node_modules links to ours.
const tsc7 = createRequire(import.meta.url).resolve("tsc7");

/** `src/user.ts(29,3): error TS2345: Argument of type …` and its indented continuation lines. */
const diagnostic = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

function parse(output: string, overlay: string): CompileError[] {
  const errors: CompileError[] = [];
  for (const line of output.split("\n")) {
    const match = diagnostic.exec(line);
    if (match) {
      const [, file, at, column, code, message] = match;
      const relative = path.relative(overlay, path.resolve(overlay, file!)).split(path.sep).join("/");
      errors.push({ file: relative, line: Number(at), column: Number(column), code: code!, message: message! });
    } else if (/^\s+\S/.test(line) && errors.length > 0) {
      errors[errors.length - 1]!.message += ` ${line.trim()}`; // a chained message, one line per error
    } else if (/^error TS\d+: /.test(line)) {
      const [, code, message] = /^error (TS\d+): (.*)$/.exec(line)!;
      errors.push({ file: "tsconfig.json", line: 0, column: 0, code: code!, message: message! });
    }
  }
  return errors;
}

export async function compileGateTsc7(generatedText: string): Promise<CompileError[]> {
  mkdirSync(abs(".cache"), { recursive: true });
  const overlay = mkdtempSync(abs(".cache/compile-gate-"));
  try {
    for (const dir of copied)
      cpSync(abs(dir), path.join(overlay, dir), {
        recursive: true,
        filter: (source) =>
          !source.split(path.sep).includes("node_modules") &&
          !source.split(path.sep).includes("fixtures") &&
          (!path.extname(source) || source.endsWith(".ts")),
      });
    mkdirSync(path.join(overlay, path.dirname(files.output)), { recursive: true });
    writeFileSync(path.join(overlay, files.output), generatedText);
    const gateFiles = compileGateFiles().map((f) => path.relative(root, f).split(path.sep).join("/"));
    writeFileSync(
      path.join(overlay, "tsconfig.json"),
      JSON.stringify({
        extends: path.relative(overlay, abs("tsconfig.json")).split(path.sep).join("/"),
        compilerOptions: { noEmit: true },
        include: [],
        files: gateFiles,
      }),
    );
    const child = spawn(process.execPath, [tsc7, "-p", overlay, "--pretty", "false"], {
      cwd: overlay,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    const errors = parse(output, overlay);
    if (code !== 0 && errors.length === 0) throw new Error(`tsc7 failed without a diagnostic: ${output.slice(0, 500)}`);
    return errors;
  } finally {
    rmSync(overlay, { recursive: true, force: true });
  }
}
