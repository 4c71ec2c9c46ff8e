import { TrieveInputError } from "./errors.js";

export const uuid = /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i;

// Messages say what is wrong and how to fix it, briefly: every byte here ships to browsers.

/** Trieve answers 400 for an id that is not a UUID; saying so before sending is clearer and cheaper. */
export function assertUuid(argument: string, value: unknown): asserts value is string {
  if (typeof value === "string" && uuid.test(value)) return;
  throw new TrieveInputError(`${argument} must be a UUID; got ${JSON.stringify(value)?.slice(0, 60)}`, { argument });
}

/** A missing key (no option, no TRIEVE_API_KEY) is the likely mistake: say where a key comes from. */
export function assertApiKey(apiKey: unknown): asserts apiKey is string {
  if (!apiKey) {
    throw new TrieveInputError("no API key: pass `apiKey` or set TRIEVE_API_KEY", { argument: "apiKey" });
  }
  assertHeaderValue("apiKey", apiKey);
}

/**
 * `apiKey`, `datasetId` and `organizationId` go into headers as given (undefined: the option is not set). A CR or LF
 * would let a value split the request (header injection); fetch would reject it with a less helpful TypeError
 * anyway, and so it would any other character outside printable ASCII. The message never shows the value: the key
 * is a secret (the ids are not, but one message serves all three).
 */
export function assertHeaderValue(argument: string, value: unknown): void {
  if (value === undefined || (typeof value === "string" && /^[\x20-\x7e]+$/.test(value))) return;
  throw new TrieveInputError(
    `${argument} must be a non-empty string without control (a line break?) or non-ASCII characters: copy it again`,
    { argument },
  );
}

/** Returns the URL without trailing slashes, so that paths join cleanly. */
export function parseBaseUrl(baseUrl: string): string {
  try {
    if (/^https?:$/.test(new URL(baseUrl).protocol)) return baseUrl.replace(/\/+$/, "");
  } catch {
    // not a URL: reported below
  }
  throw new TrieveInputError(`baseUrl must be an absolute http(s) URL; got ${JSON.stringify(baseUrl)}`, {
    argument: "baseUrl",
  });
}

/**
 * For the client's and each call's options: NaN or a fraction would make the retry loop misbehave silently.
 * maxRetries: up to 100 (over 13 minutes of 8 s backoffs; beyond that something else is wrong).
 * timeoutMs: up to 2^31 - 1, the most a timer can wait (Node fires larger ones after 1 ms).
 */
export function assertRetryOptions(maxRetries: unknown, timeoutMs: unknown): void {
  assertInteger("maxRetries", maxRetries, 0, 100);
  assertInteger("timeoutMs", timeoutMs, 1, 2 ** 31 - 1);
}

function assertInteger(argument: string, value: unknown, min: number, max: number): void {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw new TrieveInputError(`${argument} must be an integer from ${min} to ${max}; got ${value}`, { argument });
  }
}
