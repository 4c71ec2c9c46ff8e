import { Worker } from "node:worker_threads";
import { formatCode } from "./format-code.js";
import { lintSpec, type LintResult } from "./lint-spec.js";
import { PipelineError } from "../shared/pipeline-error.js";
import { abs } from "../shared/project-files.js";

/** What the second thread does for the pipeline: lint, load prettier, format. */
export type Job =
  | { kind: "lint"; specText: string; specPath: string; configPath: string; shownAs: string }
  | { kind: "warm" }
  | { kind: "format"; code: string };

export type SentError =
  | { pipeline: true; message: string; where: PipelineError["where"]; rule: string | undefined }
  | { pipeline: false; message: string; stack: string | undefined };

export type Reply = { id: number; ms: number } & ({ ok: true; value: unknown } | { ok: false; error: SentError });

/** A step's result or its error, never a rejected promise, with the time the step took where it ran. */
export type Outcome<T> = { ms: number } & ({ ok: true; value: T } | { ok: false; error: unknown });

/** Runs a step in this thread, as an Outcome. */
export async function settle<T>(run: () => T | Promise<T>): Promise<Outcome<T>> {
  const start = performance.now();
  try {
    return { ok: true, value: await run(), ms: performance.now() - start };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - start };
  }
}

/** A job's work, wherever it runs: in the worker (pipeline-worker.ts), or here if the worker is gone. */
export async function runJob(job: Job): Promise<unknown> {
  switch (job.kind) {
    case "lint":
      return lintSpec(job.specText, job.specPath, job.configPath, job.shownAs);
    case "warm":
      // A line, formatted: prettier loads the plugins of its `typescript` parser (the parser, the estree
      // printer: 0.1 s of CPU cold) on its first format, not on import.
      return void (await formatCode("export {};\n"));
    case "format":
      return formatCode(job.code);
  }
}

function received(error: SentError): Error {
  if (error.pipeline) return new PipelineError(error.message, error.where, error.rule);
  const copy = new Error(error.message);
  if (error.stack) copy.stack = error.stack;
  return copy;
}

/**
 * Where the pipeline's lint and format run: on this thread (`thisThread`), or on a second one
 * (`startPipelineThread`), beside this thread's generate and typecheck.
 */
export interface PipelineThread {
  /** true when the steps run beside this thread's; false when they run here, one after the other */
  parallel: boolean;
  lint(job: Omit<Extract<Job, { kind: "lint" }>, "kind">): Promise<Outcome<LintResult>>;
  /** Loads prettier there, with its parser and printer, while this thread generates. */
  warm(): void;
  format(code: string): Promise<Outcome<string>>;
  /**
   * Ends the thread: after its queued jobs when `now` is false, at once when true (after a failure,
   * nothing it does matters).
   */
  close(now: boolean): void;
}

/** The steps run here, each to its end before the next one starts. */
export const thisThread: PipelineThread = {
  parallel: false,
  lint: (job) => settle(() => lintSpec(job.specText, job.specPath, job.configPath, job.shownAs)),
  warm: () => {}, // nothing to gain: warming here would only delay the steps that follow
  format: (code) => settle(() => formatCode(code)),
  close: () => {},
};

/**
 * Starts the second thread of `npm run generate`. The machine has two cores, and a cold run is a
 * chain of single-threaded steps, most of each loading its tool: lint (Redocly 2.x, 611 ES modules),
 * generate (openapi-typescript, with TypeScript 5.9 and Redocly 1.x), format (prettier) and typecheck
 * (TypeScript 7's tsc, a process of its own: codegen/typecheck.ts). The worker lints while this thread
 * generates, then formats while the typecheck runs.
 *
 * The worker runs `scripts/launch.mjs codegen/pipeline-worker.ts`: compiled like every command, also
 * when a test imports this file from its source. If the thread dies, its
 * unanswered jobs, and every later one, run in this thread instead: slower, never a different verdict.
 */
export function startPipelineThread(): PipelineThread {
  const worker = new Worker(abs("scripts/launch.mjs"), { argv: ["codegen/pipeline-worker.ts"] });
  let alive = true;
  let closing = false;
  let nextId = 0;
  const pending = new Map<number, { job: Job; resolve: (outcome: Outcome<unknown>) => void }>();

  worker.on("message", (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    waiting.resolve(reply.ok ? reply : { ok: false, error: received(reply.error), ms: reply.ms });
  });
  // An 'error' event is followed by 'exit'; without a listener it would be thrown here.
  worker.on("error", () => {});
  worker.on("exit", () => {
    alive = false;
    if (closing) return pending.clear(); // terminated after a failure: nobody waits for these
    for (const [id, { job, resolve }] of pending) {
      pending.delete(id);
      void settle(() => runJob(job)).then(resolve);
    }
  });

  function submit<T>(job: Job): Promise<Outcome<T>> {
    if (!alive) return settle(() => runJob(job)) as Promise<Outcome<T>>;
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, { job, resolve: resolve as (outcome: Outcome<unknown>) => void });
      worker.postMessage({ id, job });
    });
  }

  return {
    parallel: true,
    lint: (job) => submit({ kind: "lint", ...job }),
    warm: () => void submit({ kind: "warm" }),
    format: (code) => submit({ kind: "format", code }),
    close(now) {
      if (!alive || closing) return;
      closing = true;
      if (now) void worker.terminate();
      else worker.postMessage("close");
    },
  };
}
