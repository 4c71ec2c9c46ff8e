// Sends one call of the client: attempts with per-attempt timeouts, retries with backoff, logging, typed errors.
// It sits under both `deleteUserApiKey` (which calls fetch directly: see user.ts) and `raw` (as openapi-fetch's
// custom fetch, since openapi-fetch 0.17 has neither retries nor timeouts).
import { afterAttempts, apiErrorFromResponse } from "./api-error.js";
import type { ClientContext } from "./client.js";
import { TrieveConnectionError, TrieveTimeoutError } from "./errors.js";
import { redactHeaders } from "./redact.js";
import { isRetryable, retryDelay, sleep } from "./retry.js";
import { timeoutSignal } from "./timeout.js";
import { assertRetryOptions } from "./validate.js";

export interface RequestOptions {
  /** aborts the call, retries included; the promise then rejects with the signal's reason */
  signal?: AbortSignal;
  /** retries after a connection error, a timeout, 408, 409, 429 or 5xx (defaults to the client's, 2) */
  maxRetries?: number;
  /** milliseconds each attempt may wait for the response headers (defaults to the client's, 60000) */
  timeoutMs?: number;
}

/**
 * Sends `method url` (`headers` are for log lines only): `attempt` sends a fresh request each time it is called.
 * Resolves with the response once it is 2xx, or not retryable, or the retries are used up. A final non-2xx
 * response rejects with a TrieveApiError, unless `raw` (openapi-fetch turns it into `{ error, response }`).
 */
export async function send(
  context: ClientContext,
  method: string,
  url: string,
  headers: HeadersInit,
  attempt: (signal: AbortSignal) => Promise<Response>,
  options: RequestOptions,
  raw?: boolean,
): Promise<Response> {
  const { signal: caller, maxRetries = context.maxRetries, timeoutMs = context.timeoutMs } = options;
  assertRetryOptions(maxRetries, timeoutMs);
  const { logger } = context;
  const what = `${method} ${url}`;
  for (let n = 1; ; n++) {
    const deadline = timeoutSignal(timeoutMs);
    logger?.debug(`trieve: ${what} #${n}`, redactHeaders(headers));
    let response: Response | undefined;
    let why: unknown;
    try {
      // Combine only when the caller gave a signal: AbortSignal.any costs as much as a second signal.
      response = await attempt(caller ? (AbortSignal.any?.([caller, deadline]) ?? caller) : deadline);
    } catch (error) {
      // A caller's abort is not a failure of the call: rethrow its reason (an AbortError by default), never retry.
      if (caller?.aborted) throw caller.reason;
      const timedOut = deadline.aborted;
      why = timedOut
        ? `no response in ${timeoutMs} ms`
        : // undici rejects with `TypeError: fetch failed` and puts what failed (ECONNREFUSED…) in `cause`.
          `cannot connect (${context.redact(String((error as { cause?: Error })?.cause?.message || error))})`;
      if (n > maxRetries) {
        throw new (timedOut ? TrieveTimeoutError : TrieveConnectionError)(
          `${what}: ${why}${afterAttempts(n)}; check ${timedOut ? "timeoutMs" : "baseUrl and the network"}`,
          n,
          error,
        );
      }
    }
    if (response) {
      if (response.ok || n > maxRetries || !isRetryable((why = response.status))) {
        if (raw || response.ok) return response;
        throw await apiErrorFromResponse(response, context.redact, n);
      }
      // Free the connection: this answer's body is of no use.
      await response.body?.cancel();
    }
    const ms = retryDelay(n, response?.headers);
    logger?.warn(`trieve: ${what}: ${why}; retrying in ${ms | 0} ms`);
    await sleep(ms, caller);
  }
}
