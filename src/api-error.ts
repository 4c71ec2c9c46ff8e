import { TrieveApiError } from "./errors.js";

/** Long enough for any JSON error message, short enough that an HTML error page does not flood a log. */
const maxTextMessage = 200;

/**
 * Builds the error for a non-2xx response from what openapi-fetch parsed of its body: a JSON value,
 * a string (text and HTML bodies from proxies), or undefined (empty bodies, e.g. a 500 behind a proxy).
 * `redact` removes the API key in case a server echoes it back.
 */
export function apiErrorFromResponse(
  response: Response,
  body: unknown,
  redact: (text: string) => string,
): TrieveApiError {
  const safeBody = redactDeep(body, redact);
  const jsonMessage = (safeBody as { message?: unknown } | null | undefined)?.message;
  let message: string;
  if (typeof jsonMessage === "string" && jsonMessage !== "") message = jsonMessage;
  else if (typeof safeBody === "string" && safeBody.trim() !== "") message = shorten(safeBody);
  else message = response.statusText || `HTTP ${response.status}`;
  const requestId = response.headers.get("x-request-id") ?? undefined;
  return new TrieveApiError(response.status, message, safeBody, response.headers, requestId);
}

function redactDeep(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)]));
  }
  return value;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > maxTextMessage ? `${oneLine.slice(0, maxTextMessage)}…` : oneLine;
}
