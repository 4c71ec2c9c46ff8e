import {
  TrieveApiError,
  TrieveAuthenticationError,
  TrieveBadRequestError,
  TrieveNotFoundError,
  TrievePermissionDeniedError,
  TrieveRateLimitError,
  TrieveServerError,
} from "./errors.js";

/** The statuses callers branch on; 5xx is TrieveServerError, anything else a plain TrieveApiError. */
const classes: Record<number, typeof TrieveApiError> = {
  400: TrieveBadRequestError,
  401: TrieveAuthenticationError,
  403: TrievePermissionDeniedError,
  404: TrieveNotFoundError,
  429: TrieveRateLimitError,
};

/** Appended to a message when the call was retried, so that the error says how hard the client tried. */
export const afterAttempts = (attempts: number): string => (attempts > 1 ? ` (after ${attempts} attempts)` : "");

/**
 * Reads the body of a non-2xx response and builds the error for its status, as openai-node's `APIError.generate`
 * does. The body may be JSON, text or HTML from a proxy, or empty (e.g. a 500 behind a proxy). The message is the
 * JSON `message`, else the text on one line and cut at 200 characters (an HTML page must not flood a log), else
 * the status text. `redact` removes the API key from the body and the headers in case a server echoes it back. A body that cannot be read
 * (the connection broke, or the caller aborted: the caller checks its signal) counts as empty.
 */
export async function apiErrorFromResponse(
  response: Response,
  redact: (text: string) => string,
  attempts: number,
): Promise<TrieveApiError> {
  const { status } = response;
  // A server (or a proxy) may echo the key in a header too, and `util.inspect(error)` prints the headers.
  const headers = new Headers([...response.headers].map(([name, value]): [string, string] => [name, redact(value)]));
  // Redact the text before parsing: then neither `body` nor `message` can hold the key.
  const text = redact(await response.text().catch(() => ""));
  let body: unknown = text || undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  const json = (body as { message?: unknown } | undefined)?.message;
  const message =
    (typeof json === "string" && json) ||
    text.replace(/\s+/g, " ").trim().slice(0, 200) ||
    response.statusText ||
    `HTTP ${status}`;
  const ErrorClass = status > 499 ? TrieveServerError : (classes[status] ?? TrieveApiError);
  return new ErrorClass(message + afterAttempts(attempts), {
    status,
    body,
    headers,
    requestId: headers.get("x-request-id") ?? undefined,
    attempts,
  });
}
