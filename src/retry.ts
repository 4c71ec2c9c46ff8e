// When to send a call again, and how long to wait first (the rules of openai-node's client, with Trieve's statuses).

/**
 * 408: Trieve answers it when under load (after 15 s); 409: a conflicting write in progress; 429: rate limited;
 * 5xx: Trieve or a proxy failed. Other 4xx would fail the same way again.
 */
export const isRetryable = (status: number): boolean =>
  status > 499 || status === 408 || status === 409 || status === 429;

/**
 * Milliseconds to wait before retry number `retry` (1 for the first): the server's `retry-after-ms`, else its
 * `Retry-After` (seconds or an HTTP date), at most 60 s (a server asking for more is down: waiting would hide it);
 * without a usable hint, 0.5 s doubling up to 8 s, less up to 25 % of random jitter so that clients that failed
 * together do not all come back together.
 */
export function retryDelay(retry: number, headers?: Headers): number {
  const after = headers?.get("retry-after");
  let ms = +(headers?.get("retry-after-ms") || NaN);
  if (!(ms >= 0) && after) ms = +after >= 0 ? +after * 1000 : Date.parse(after) - Date.now();
  return ms >= 0 ? Math.min(ms, 60_000) : Math.min(500 * 2 ** (retry - 1), 8000) * (1 - Math.random() / 4);
}

/**
 * Waits `ms`, or rejects with the signal's reason as soon as the caller aborts, also when it aborted already (an
 * "abort" event never comes then); either way leaves nothing behind.
 */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      if (signal?.aborted) reject(signal.reason);
      else resolve();
    };
    const timer = setTimeout(done, signal?.aborted ? 0 : ms);
    signal?.addEventListener("abort", done);
  });
