import { Worker } from "node:worker_threads";
import { lintSpec, type LintResult } from "./lint-spec.js";
import { loadTypeScript } from "./load-typescript.js";
import { PipelineError } from "../shared/pipeline-error.js";
import { abs } from "../shared/project-files.js";
import { typecheck } from "./typecheck.js";

/** What the second thread does for the pipeline: lint, warm TypeScript, typecheck. */
export type Job =
  | { kind: "lint"; specText: string; specPath: string; configPath: string; shownAs: string }
  | { kind: "warm" }
  | { kind: "typecheck"; code: string; shownAs: string };

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
      loadTypeScript();
      // A throwaway program over an empty file, with typecheck.ts's options: it parses lib.es2022.d.ts
      // and its references into load-typescript.ts's cache (about half of a typecheck of 0.13.0), and
      // compiles the checker's code, before the generated code arrives.
      typecheck("export {};\n", "warm-up.ts");
      return undefined;
    case "typecheck":
      loadTypeScript();
      typecheck(job.code, job.shownAs);
      return undefined;
  }
}

function received(error: SentError): Error {
  if (error.pipeline) return new PipelineError(error.message, error.where, error.rule);
  const copy = new Error(error.message);
  if (error.stack) copy.stack = error.stack;
  return copy;
}

export interface PipelineThread {
  lint(job: Omit<Extract<Job, { kind: "lint" }>, "kind">): Promise<Outcome<LintResult>>;
  /** Loads TypeScript and parses its lib files there, so that the typecheck that follows is only the check. */
  warm(): void;
  typecheck(code: string, shownAs: string): Promise<Outcome<void>>;
  /**
   * Ends the thread: after its queued jobs when `now` is false (its exit handlers then write the V8
   * code caches of load-package.ts), at once when true (after a failure, nothing it does matters).
   */
  close(now: boolean): void;
}

/**
 * Starts the second thread of `npm run generate`. The machine has two cores, and a cold run is a
 * chain of single-threaded steps: lint (~0.4 s on 0.13.0), generate (~0.5 s), format (~0.9 s) and
 * typecheck (~0.5 s, half of it parsing lib.es2022.d.ts). The worker lints while this thread
 * generates, warms TypeScript, then typechecks the generated code while this thread formats it.
 *
 * The worker runs `scripts/launch.mjs pipeline-worker.ts`: the launcher bundles that entry like any
 * command (same cache, same key), so the worker needs no loader of its own. If the thread dies, its
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
    lint: (job) => submit({ kind: "lint", ...job }),
    warm: () => void submit({ kind: "warm" }),
    typecheck: (code, shownAs) => submit({ kind: "typecheck", code, shownAs }),
    close(now) {
      if (!alive || closing) return;
      closing = true;
      if (now) void worker.terminate();
      else worker.postMessage("close");
    },
  };
}
