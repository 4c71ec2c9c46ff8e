import { TrieveInputError } from "./errors.js";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Trieve answers 400 for an id that is not a UUID; saying so before sending is clearer and cheaper. */
export function assertUuid(argument: string, value: unknown): asserts value is string {
  if (typeof value === "string" && uuid.test(value)) return;
  const got =
    typeof value === "string" ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value) : typeof value;
  throw new TrieveInputError(
    argument,
    `${argument} must be a UUID such as "3c90c3cc-0d44-4b50-8888-8dd25736052a"; got ${got}`,
  );
}

/**
 * The key goes into a header as given. Never put it in a message: say what is wrong with it instead.
 * A CR or LF would let a key split the request (header injection); fetch would reject it with a
 * less helpful TypeError anyway.
 */
export function assertApiKey(apiKey: unknown): asserts apiKey is string {
  if (apiKey === undefined || apiKey === null || apiKey === "") {
    throw new TrieveInputError(
      "apiKey",
      "no API key: pass `apiKey` to createTrieveClient() or set the TRIEVE_API_KEY environment variable (keys look like tr-…)",
    );
  }
  if (typeof apiKey !== "string") throw new TrieveInputError("apiKey", `apiKey must be a string; got ${typeof apiKey}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(apiKey)) {
    throw new TrieveInputError(
      "apiKey",
      "apiKey contains a control character (CR, LF, tab or similar): copy the key again without line breaks",
    );
  }
  if (/[^\u0020-\u007e]/.test(apiKey)) {
    throw new TrieveInputError(
      "apiKey",
      "apiKey contains a non-ASCII character: copy the key again from the Trieve dashboard",
    );
  }
}

/** Returns the URL without trailing slashes, so that paths join cleanly. */
export function parseBaseUrl(baseUrl: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof baseUrl === "string" ? new URL(baseUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new TrieveInputError(
      "baseUrl",
      `baseUrl must be an absolute http(s) URL such as "https://api.trieve.ai"; got ${typeof baseUrl === "string" ? JSON.stringify(baseUrl) : typeof baseUrl}`,
    );
  }
  return String(baseUrl).replace(/\/+$/, "");
}
