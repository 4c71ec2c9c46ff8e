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

/**
 * `error` itself, to keep as the `cause` of a TrieveConnectionError, unless the key shows in its text, its stack or
 * its own cause's stack, which `util.inspect` prints (a custom fetch may put the request's headers in its message):
 * then a plain Error with its text, the key as `***`.
 */
export function redactCause(error: unknown, redact: (text: string) => string): unknown {
  const e = error as { stack?: unknown; cause?: { stack?: unknown } } | undefined;
  const text = `${e} ${e?.stack} ${e?.cause?.stack}`;
  return redact(text) === text ? error : new Error(redact(String(error)));
}
