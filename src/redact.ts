// Keeps the API key out of what the client shows: log lines and errors (as octokit redacts `authorization`).

/** Headers that carry credentials: their values are logged as `***`. */
const secret = /^(authorization|x-api-key|cookie|set-cookie|proxy-authorization)$/;

/** The headers as a plain object for a log line, with credentials replaced by `***`. */
export const redactHeaders = (headers: Headers): Record<string, string> =>
  Object.fromEntries([...headers].map(([name, value]) => [name, secret.test(name) ? "***" : value]));

/**
 * Replaces the key with `***` in text from elsewhere (a server that echoes it, an error from a custom fetch),
 * also in its JSON-escaped form (a key may hold `"` or `\`), so that parsing a redacted JSON body cannot bring it back.
 */
export function redactor(apiKey: string): (text: string) => string {
  const escaped = JSON.stringify(apiKey).slice(1, -1);
  return (text) => text.split(apiKey).join("***").split(escaped).join("***");
}

type Cause = { stack?: unknown; cause?: unknown } | null | undefined;

/**
 * `error` itself, to keep as the `cause` of a TrieveConnectionError, unless the key shows in its text, its stack or
 * those of its own causes (a custom fetch may put the request's headers in its message), which `util.inspect` prints:
 * then a plain Error with that text, the key as `***`.
 */
export function redactCause(error: unknown, redact: (text: string) => string): unknown {
  let text = "";
  for (let e = error as Cause, depth = 0; e && depth < 8; e = e.cause as Cause, depth++) text += `${e.stack} ${e}\n`;
  return redact(text) === text ? error : new Error(redact(String(error)));
}
