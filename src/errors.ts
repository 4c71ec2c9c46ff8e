/** Base class of every error this package throws: `catch (e) { if (e instanceof TrieveError) … }` catches them all. */
export class TrieveError extends Error {
  override name = "TrieveError";
}

/**
 * Thrown before any request is sent, when an argument or a client option is invalid
 * (an `apiKeyId` that is not a UUID, a missing API key, a `baseUrl` that is not an http(s) URL, a negative `maxRetries`).
 */
export class TrieveInputError extends TrieveError {
  override name = "TrieveInputError";
  /** the argument or option that is wrong, e.g. `apiKeyId` or `apiKey` */
  declare readonly argument: string;
  constructor(message: string, options: { argument: string }) {
    super(message);
    Object.assign(this, options);
  }
}

/** What a TrieveApiError is made of (the fields below): an options object, as `new Error(message, options)` takes. */
export interface TrieveApiErrorOptions {
  status: number;
  body?: unknown;
  headers: Headers;
  requestId?: string | undefined;
  /** defaults to 1 */
  attempts?: number;
}

/**
 * Thrown when Trieve (or a proxy in front of it) answers with a status outside 2xx, after any retries.
 * `message` is the JSON body's `message`, else the text body, else the status text, followed by
 * "(after N attempts)" when the call was retried. The subclasses below are the statuses callers branch on;
 * any other status (408, 409, 422…) is a plain TrieveApiError, also after retries. `apiErrorFromResponse` picks
 * the class.
 */
export class TrieveApiError extends TrieveError {
  override name = "TrieveApiError";
  // `declare` fields and one Object.assign, rather than parameter properties, keep the minified bundle small.
  /** the HTTP status, e.g. 400 */
  declare readonly status: number;
  /** the parsed JSON body, the text body, or undefined when the body was empty */
  declare readonly body: unknown;
  /** the response headers */
  declare readonly headers: Headers;
  /** the `x-request-id` response header, when the server sent one */
  declare readonly requestId: string | undefined;
  /** how many requests were sent, retries included */
  declare readonly attempts: number;
  constructor(message: string, options: TrieveApiErrorOptions) {
    super(message);
    Object.assign(this, { attempts: 1 }, options);
  }
}

/** 400: Trieve rejected the request (an id it cannot parse, a failed database write). Never retried. */
export class TrieveBadRequestError extends TrieveApiError {
  override name = "TrieveBadRequestError";
}

/** 401: the API key is missing, unknown or revoked. Never retried: fix `apiKey`. */
export class TrieveAuthenticationError extends TrieveApiError {
  override name = "TrieveAuthenticationError";
}

/** 403: the key is valid but may not do this (e.g. a read-only key, another organization). Never retried. */
export class TrievePermissionDeniedError extends TrieveApiError {
  override name = "TrievePermissionDeniedError";
}

/** 404: no such resource (or route: check `baseUrl`). Never retried. */
export class TrieveNotFoundError extends TrieveApiError {
  override name = "TrieveNotFoundError";
}

/** 429: too many requests. Retried after the server's Retry-After; thrown once `maxRetries` is used up. */
export class TrieveRateLimitError extends TrieveApiError {
  override name = "TrieveRateLimitError";
}

/** 500 and above, from Trieve or a proxy (HTML 502s). Retried; thrown once `maxRetries` is used up. */
export class TrieveServerError extends TrieveApiError {
  override name = "TrieveServerError";
}

/**
 * Thrown when no HTTP answer came back: refused or reset connections, DNS failures, TLS errors
 * (fetch's `TypeError: fetch failed`, kept as `cause`; if that error names the API key, as a custom fetch's may,
 * `cause` is a copy with the key as `***`). Retried; thrown once `maxRetries` is used up.
 */
export class TrieveConnectionError extends TrieveError {
  override name = "TrieveConnectionError";
  /** how many requests were sent, retries included */
  declare readonly attempts: number;
  constructor(message: string, options: { attempts: number; cause?: unknown }) {
    super(message, options);
    Object.assign(this, options);
  }
}

/** Thrown when an attempt got no response headers within `timeoutMs`. Retried; thrown once `maxRetries` is used up. */
export class TrieveTimeoutError extends TrieveConnectionError {
  override name = "TrieveTimeoutError";
}
