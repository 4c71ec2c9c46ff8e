import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/trieve.js";
import type { ClientContext, RequestOptions, TrieveLogger } from "./client-context.js";
import { redactor } from "./redact.js";
import { scopedHeaders, type ScopedBy, type ScopedHeader, type WithScopedHeaders } from "./scoped-headers.js";
import { send } from "./send.js";
import { deleteUserApiKey } from "./user.js";
import { assertApiKey, assertHeaderValue, assertRetryOptions, parseBaseUrl } from "./validate.js";

/** The spec's first server. */
export const defaultBaseUrl = "https://api.trieve.ai";

export interface TrieveClientOptions {
  /** API key, sent as the raw value of `Authorization` (defaults to the TRIEVE_API_KEY environment variable, where there is one) */
  apiKey?: string;
  /** API origin (defaults to https://api.trieve.ai) */
  baseUrl?: string;
  /** custom fetch (defaults to globalThis.fetch); on a redirect to another origin it must drop `Authorization`, as the Fetch standard does */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * dataset id (or tracking id, with `organizationId`) sent as TR-Dataset to the operations that declare that header,
   * and to no other; `raw` calls may then leave it out (docs/client.md)
   */
  datasetId?: string;
  /** organization id sent as TR-Organization to the operations that declare that header, and to no other */
  organizationId?: string;
  /** extra headers sent with every request */
  headers?: Record<string, string>;
  /** retries after a connection error, a timeout, 408, 409, 429 or 5xx (defaults to 2); 0 turns retries off */
  maxRetries?: number;
  /** milliseconds each attempt may wait for the response headers (defaults to 60000) */
  timeoutMs?: number;
  /** gets a debug line per attempt (headers with credentials as `***`) and a warn line per retry (defaults to none) */
  logger?: TrieveLogger;
}

/** `Scoped`: the headers the client fills in (TR-Dataset with `datasetId`, TR-Organization with `organizationId`). */
export interface TrieveClient<Scoped extends ScopedHeader = never> {
  /** the API origin requests go to */
  readonly baseUrl: string;
  /**
   * the underlying openapi-fetch client, typed with every path of the spec, for calls this wrapper does not cover;
   * its requests get the client's retries, timeout, logging and abort, and non-2xx answers come back as `{ error, response }`;
   * the `Scoped` headers are optional in its calls' `params.header`
   */
  readonly raw: Client<WithScopedHeaders<paths, Scoped>>;
  /**
   * Delete User Api Key: deletes an API key of the authenticated user.
   * Resolves also when the id does not exist or belongs to someone else: Trieve answers 204 either way.
   */
  deleteUserApiKey(apiKeyId: string, options?: RequestOptions): Promise<void>;
}

// Read without assuming Node: browsers and edge runtimes have no `process`.
const fromEnvironment = (): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.TRIEVE_API_KEY;

/**
 * Generic over the options given, so that the type of `raw` knows which headers the client fills in:
 * `createTrieveClient({ apiKey, datasetId })` is a `TrieveClient<"TR-Dataset">`. Options typed as
 * TrieveClientOptions, whose ids may be absent, fill in nothing. The last part of the parameter's type makes an
 * unknown option an error, which inference into `Options` would otherwise let through.
 */
export function createTrieveClient<Options extends TrieveClientOptions = {}>(
  options?: TrieveClientOptions & Options & { [Unknown in Exclude<keyof Options, keyof TrieveClientOptions>]: never },
): TrieveClient<ScopedBy<Options>>;
export function createTrieveClient(options: TrieveClientOptions = {}): TrieveClient<ScopedHeader> {
  const { fetch: customFetch, maxRetries = 2, timeoutMs = 60_000, logger, datasetId, organizationId } = options;
  const apiKey = options.apiKey ?? fromEnvironment();
  assertApiKey(apiKey);
  const baseUrl = parseBaseUrl(options.baseUrl ?? defaultBaseUrl);
  assertRetryOptions(maxRetries, timeoutMs);
  assertHeaderValue("datasetId", datasetId);
  assertHeaderValue("organizationId", organizationId);
  // Every call goes through this one openapi-fetch client: it builds the Request (URL, path parameters, headers)
  // and hands it to `send`. A raw call's own signal is the Request's; deleteUserApiKey passes its options itself.
  const api = createClient<paths>({
    baseUrl,
    headers: { ...options.headers, Authorization: apiKey },
    fetch: (request) => send(context, request, { signal: request.signal }, false),
  });
  // Only a scoped client has the middleware: openapi-fetch skips its middleware loop when there is none.
  if (datasetId || organizationId) api.use(scopedHeaders(datasetId, organizationId));
  const context: ClientContext = {
    api,
    // The global fetch takes the signal as an option, which costs less than a new Request around the copy.
    // globalThis.fetch is looked up per call, so a fetch installed later (a polyfill, a test double) is used.
    fetch: customFetch
      ? (request, signal) => customFetch(new Request(request, { signal }))
      : (request, signal) => fetch(request, { signal }),
    maxRetries,
    timeoutMs,
    logger,
    redact: redactor(apiKey),
    // Made once here: a call without options of its own then needs no closure of its own.
    sendOrThrow: (request) => send(context, request, {}, true),
  };
  const describe = () => ({ baseUrl, apiKey: "***" });
  return {
    baseUrl,
    raw: api,
    deleteUserApiKey: (apiKeyId, requestOptions) => deleteUserApiKey(context, apiKeyId, requestOptions),
    // What `console.log(client)` and `JSON.stringify(client)` show: never the key.
    toJSON: describe,
    [Symbol.for("nodejs.util.inspect.custom")]: () => `TrieveClient ${JSON.stringify(describe())}`,
  } as TrieveClient as never; // the overload above gives the caller its exact type
}
