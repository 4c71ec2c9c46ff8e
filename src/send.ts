// Sends one call of the client: attempts with per-attempt timeouts, retries with backoff, logging, redaction.
// It is openapi-fetch's `fetch` (see client.ts), so it sits under both `raw` and `deleteUserApiKey`, and it is the
// only place that sends. A custom fetch rather than middleware: a retry sends the request again, which middleware
// cannot do (its hooks see one request and one response each), and a timeout must wrap the very fetch it cancels.
// openapi-fetch 0.17 has neither retries nor timeouts.
import { afterAttempts, apiErrorFromResponse } from "./api-error.js";
import type { ClientContext, RequestOptions } from "./client-context.js";
import { TrieveConnectionError, TrieveTimeoutError } from "./errors.js";
import { redactCause, redactHeaders } from "./redact.js";
import { isRetryable, retryDelay, sleep } from "./retry.js";
import { assertRetryOptions } from "./validate.js";

/** What log lines and errors call the request: undici serialises `request.url` anew on each read, so only on demand. */
const describe = (request: Request) => `${request.method} ${request.url}`;

/**
 * Sends `request` (built by openapi-fetch), a copy of it per attempt, until the answer is 2xx, or not retryable, or
 * the retries are used up, and resolves with that answer; throws a TrieveConnectionError (or TrieveTimeoutError)
 * when the last attempt got no answer, and the caller's abort reason when `signal` aborts. With `apiErrors`
 * (deleteUserApiKey), a final non-2xx answer rejects with its TrieveApiError instead: building it takes the body's
 * exact text (redacted before it is parsed) and the number of attempts, which openapi-fetch's `{ error, response }`
 * lacks. Deciding that here rather than in a wrapper around `send` spares each call one more async step.
 */
export async function send(
  context: ClientContext,
  request: Request,
  options: RequestOptions,
  apiErrors: boolean,
): Promise<Response> {
  const { signal: caller, maxRetries = context.maxRetries, timeoutMs = context.timeoutMs } = options;
  assertRetryOptions(maxRetries, timeoutMs);
  const { logger, redact } = context;
  for (let attempts = 1; ; attempts++) {
    logger?.debug(`trieve: ${describe(request)} #${attempts}`, redactHeaders(request.headers));
    // The deadline covers the wait for the response headers only, as openai-node's does: its timer is cleared once
    // they arrive, so a slow body is read in full (an error's message, `raw`'s data) and is cut only by the caller.
    // A timer and a controller rather than AbortSignal.timeout, which cannot be cancelled (and costs more: ~6 % of a
    // call against ~3 %, measured on Node 20). Unref'd where timers are objects (Node, Bun): the request keeps the
    // process alive while it runs, and a ref'd timer costs Node two more calls into libuv per attempt (~2 %).
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    (timer as unknown as { unref?(): void }).unref?.();
    // AbortSignal.any (Node 20.3, every current browser) keeps following the caller's signal while the body is read.
    const signal = caller ? AbortSignal.any([caller, deadline.signal]) : deadline.signal;
    let response: Response | undefined;
    let why: unknown;
    try {
      // A copy per attempt when there is a body, which can be read only once; a request without one (a DELETE) is
      // sent as it is: fetch builds its own Request from it each time, and a clone would cost ~3 % of a call.
      response = await context.fetch(request.body ? request.clone() : request, signal);
    } catch (error) {
      // A caller's abort is not a failure of the call: rethrow its reason (an AbortError by default), never retry.
      caller?.throwIfAborted();
      const timedOut = deadline.signal.aborted;
      why = timedOut
        ? `no response in ${timeoutMs} ms`
        : // undici rejects with `TypeError: fetch failed` and puts what failed (ECONNREFUSED…) in `cause`.
          `cannot connect (${redact(String((error as { cause?: Error })?.cause?.message || error))})`;
      if (attempts > maxRetries) {
        throw new (timedOut ? TrieveTimeoutError : TrieveConnectionError)(
          `${describe(request)}: ${why}${afterAttempts(attempts)}; check ${timedOut ? "timeoutMs" : "baseUrl and the network"}`,
          { attempts, cause: redactCause(error, redact) },
        );
      }
    } finally {
      clearTimeout(timer);
    }
    if (response) {
      if (response.ok) return response;
      why = response.status;
      if (attempts > maxRetries || !isRetryable(response.status)) {
        if (!apiErrors) return response;
        const error = await apiErrorFromResponse(response, redact, attempts);
        // An abort while the body was read is the caller's, like any other: its reason, not a Trieve error.
        caller?.throwIfAborted();
        throw error;
      }
      // Free the connection: this answer's body is of no use.
      await response.body?.cancel();
    }
    const ms = retryDelay(attempts, response?.headers);
    logger?.warn(`trieve: ${describe(request)}: ${why}; retrying in ${ms | 0} ms`);
    await sleep(ms, caller);
  }
}
