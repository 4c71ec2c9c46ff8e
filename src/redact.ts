// Keeps the API key out of what the client shows: log lines and error messages (as octokit redacts `authorization`).

/** Headers that carry credentials: their values are logged as `***`. */
const secret = /^(authorization|x-api-key|cookie|set-cookie|proxy-authorization)$/;

/** The headers as a plain object for a log line, with credentials replaced by `***`. */
export const redactHeaders = (headers: HeadersInit): Record<string, string> =>
  Object.fromEntries([...new Headers(headers)].map(([name, value]) => [name, secret.test(name) ? "***" : value]));

/**
 * Replaces the key with `***` in text from elsewhere (a server that echoes it, an error from a custom fetch),
 * also in its JSON-escaped form, so that parsing a redacted JSON body cannot bring it back.
 */
export function redactor(apiKey: string): (text: string) => string {
  const escaped = JSON.stringify(apiKey).slice(1, -1);
  return (text) => text.split(apiKey).join("***").split(escaped).join("***");
}
