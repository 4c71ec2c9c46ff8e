// The types that the client and its operations share. They live here, apart from client.ts, so that send.ts and
// user.ts need nothing from the module that imports them: no import cycle, not even a type-only one.
import type { Client } from "openapi-fetch";
import type { paths } from "../generated/trieve.js";

/** Where the client writes what it does: `console` fits. The key never appears in what it logs. */
export interface TrieveLogger {
  debug(message: string, ...data: unknown[]): void;
  info(message: string, ...data: unknown[]): void;
  warn(message: string, ...data: unknown[]): void;
  error(message: string, ...data: unknown[]): void;
}

/** Options of one call: they override the client's for that call. */
export interface RequestOptions {
  /** aborts the call, retries and the reading of the answer included; the promise then rejects with the signal's reason */
  signal?: AbortSignal;
  /** retries after a connection error, a timeout, 408, 409, 429 or 5xx (defaults to the client's, 2) */
  maxRetries?: number;
  /** milliseconds each attempt may wait for the response headers (defaults to the client's, 60000) */
  timeoutMs?: number;
}

/** Internal state the operations share; never exposed, so the key cannot leak through the client object. */
export interface ClientContext {
  /** the openapi-fetch client that every call goes through (`raw` is this one); its `fetch` is `send` */
  api: Client<paths>;
  /** sends one attempt: the global fetch, or the custom one of the options */
  fetch: (request: Request, signal: AbortSignal) => Promise<Response>;
  maxRetries: number;
  timeoutMs: number;
  logger: TrieveLogger | undefined;
  /** replaces the API key with *** in text that came from elsewhere */
  redact: (text: string) => string;
  /** `send` with the client's options, a final non-2xx answer rejected as a TrieveApiError: an operation's `fetch` */
  sendOrThrow: (request: Request) => Promise<Response>;
}
