/**
 * The worker thread of `npm run generate`: pipeline-thread.ts starts it as
 * `scripts/launch.mjs codegen/pipeline-worker.ts`, so it runs from the launcher's compiled scripts/
 * like every command.
 *
 * Jobs arrive in order and run one at a time. A failure is sent back as data, and the main thread
 * rethrows it (as a PipelineError when it was one, so that it prints the same short message).
 */
import { parentPort } from "node:worker_threads";
import { PipelineError } from "../shared/pipeline-error.js";
import { runJob, type Job, type Reply, type SentError } from "./pipeline-thread.js";

function toSend(error: unknown): SentError {
  if (error instanceof PipelineError)
    return { pipeline: true, message: error.message, where: error.where, rule: error.rule };
  return { pipeline: false, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack };
}

const port = parentPort;
if (!port) throw new Error("scripts/codegen/pipeline-worker.ts runs as a worker thread (see pipeline-thread.ts)");
let queue = Promise.resolve();
port.on("message", (message: { id: number; job: Job } | "close") => {
  // Closing the port ends the thread once the jobs before it are done.
  if (message === "close") return void (queue = queue.then(() => port.close()));
  const { id, job } = message;
  queue = queue.then(async () => {
    const start = performance.now();
    let reply: Reply;
    try {
      reply = { id, ok: true, value: await runJob(job), ms: performance.now() - start };
    } catch (error) {
      reply = { id, ok: false, error: toSend(error), ms: performance.now() - start };
    }
    port.postMessage(reply);
  });
});
