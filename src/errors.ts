/** Base class of every error this package throws: `catch (e) { if (e instanceof TrieveError) … }` catches them all. */
export class TrieveError extends Error {
  override name = "TrieveError";
}

/**
 * Thrown before any request is sent, when an argument or a client option is invalid
 * (an `apiKeyId` that is not a UUID, a missing API key, a `baseUrl` that is not an http(s) URL).
 */
export class TrieveInputError extends TrieveError {
  override name = "TrieveInputError";
  constructor(
    /** the argument or option that is wrong, e.g. `apiKeyId` or `apiKey` */
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Thrown when Trieve (or a proxy in front of it) answers with a status outside 2xx.
 * `message` is the JSON body's `message`, else the text body, else the status text.
 */
export class TrieveApiError extends TrieveError {
  override name = "TrieveApiError";
  constructor(
    /** the HTTP status, e.g. 400 */
    readonly status: number,
    message: string,
    /** the parsed JSON body, the text body, or undefined when the body was empty */
    readonly body: unknown,
    /** the response headers */
    readonly headers: Headers,
    /** the `x-request-id` response header, when the server sent one */
    readonly requestId: string | undefined,
  ) {
    super(message);
  }
}
