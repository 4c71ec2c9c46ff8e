import { existsSync, watch, type FSWatcher } from "node:fs";
import { inputsHash } from "./fingerprint.js";
import { readInput } from "./inputs.js";
import { PipelineError } from "../shared/pipeline-error.js";
import { buildGeneratedFiles } from "./pipeline.js";
import { abs, files } from "../shared/project-files.js";
import { replaceFiles } from "../shared/replace-files.js";

/**
 * Editors save in bursts (write a temp file, rename it over the original, touch it again): events
 * closer together than this make one run. Short, because it is part of the time from save to file.
 */
export const debounceMs = 30;

const time = () => new Date().toTimeString().slice(0, 8);

/** `lint  12 ms  0 errors, 1 warning\n   warn …` (pipeline.ts's step line) → `lint 12 ms (0 errors, 1 warning)` */
function shortStep(line: string): string {
  const [first = ""] = line.split("\n");
  const match = /^(\S+)\s+(\d+) ms(?:\s+(.*))?$/.exec(first);
  if (!match) return first.trim();
  const note = match[1] === "lint" && match[3] ? ` (${match[3]})` : "";
  return `${match[1]} ${match[2]} ms${note}`;
}

/**
 * `npm run generate -- --watch`: one warm process that regenerates on every save of spec/ or
 * redocly.yaml and prints one line per run. A failed run prints the error and keeps watching;
 * generated/ is only ever written by a run whose every step passed.
 */
export async function watchInputs(print: (line: string) => void): Promise<{ close(): void }> {
  const started = performance.now();
  // The first build, of the current spec, warms everything once, so that a save pays only the work:
  // the tools are loaded, the lib files parsed (typecheck.ts), the JIT has run.
  let last = { spec: "", lintConfig: "" };

  async function run(changedFiles: Set<string>): Promise<string> {
    const start = performance.now();
    const steps: string[] = [];
    let current;
    try {
      current = { spec: readInput(files.spec), lintConfig: readInput(files.lintConfig) };
    } catch (error) {
      return failure(error);
    }
    const changed = [
      current.spec !== last.spec ? files.spec : undefined,
      current.lintConfig !== last.lintConfig ? files.lintConfig : undefined,
    ].filter((f) => f !== undefined);
    const what = changedFiles.has("start")
      ? "initial build"
      : changed.length > 0
        ? `${changed.join(" and ")} changed`
        : `${[...changedFiles].filter((f) => existsSync(abs(f))).join(", ") || files.spec} saved with no change`;
    last = current;
    try {
      const inputs = inputsHash(current.spec, current.lintConfig);
      const built = await buildGeneratedFiles(current.spec, inputs, (line) => steps.push(shortStep(line)), {
        warm: true,
      });
      const written = replaceFiles([
        { file: abs(files.output), text: built.types },
        { file: abs(files.scopedHeaders), text: built.scopedHeaders },
      ]);
      const names = [files.output, files.scopedHeaders].filter((f) => written.includes(abs(f)));
      const ms = Math.round(performance.now() - start);
      const result = names.length > 0 ? `wrote ${names.join(" and ")}` : `unchanged ${files.output}`;
      return `${what} → ${result} in ${ms} ms: ${steps.join(", ")}`;
    } catch (error) {
      return `${what} → ${failure(error)}${steps.length ? ` (after ${steps.join(", ")})` : ""}`;
    }
  }

  function failure(error: unknown): string {
    const reason = error instanceof PipelineError ? String(error) : `unexpected error: ${(error as Error)?.message}`;
    if (!(error instanceof PipelineError) && process.env.DEBUG) console.error(error);
    return `✖ ${reason}; ${files.output} left unchanged, still watching`;
  }

  // One run at a time: saves during a run are collected and make the next one.
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const schedule = (file: string) => {
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  const flush = () => {
    if (running) return void running.then(flush);
    if (pending.size === 0) return;
    const changedFiles = pending;
    pending = new Set();
    running = run(changedFiles).then((line) => {
      print(`${time()} ${line}`);
      running = undefined;
    });
  };

  // Directories, not files: an editor that saves by renaming a temp file over the original
  // replaces the inode a file watch would be attached to.
  const specDir = files.spec.split("/")[0]!;
  const watchers: FSWatcher[] = [
    watch(abs(specDir), (_event, name) => {
      // Editors' swap, backup and temp files are not saves of the spec.
      if (name && !name.startsWith(".") && !name.endsWith("~")) schedule(`${specDir}/${name}`);
    }),
    watch(abs("."), (_event, name) => {
      if (name === files.lintConfig) schedule(files.lintConfig);
    }),
  ];
  // Watching starts before the first build, so that a save during it is not missed.
  running = run(new Set(["start"])).then((line) => {
    const ready = Math.round(performance.now() - started);
    print(`${time()} watching ${specDir}/ and ${files.lintConfig} (ready in ${ready} ms): ${line}`);
    running = undefined;
  });
  await running;
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
