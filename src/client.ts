import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/trieve.js";
import { deleteUserApiKey, type RequestOptions } from "./user.js";
import { assertApiKey, parseBaseUrl } from "./validate.js";

/** The spec's first server. */
export const defaultBaseUrl = "https://api.trieve.ai";

export interface TrieveClientOptions {
  /** API key, sent as the raw value of `Authorization` (defaults to the TRIEVE_API_KEY environment variable, where there is one) */
  apiKey?: string;
  /** API origin (defaults to https://api.trieve.ai) */
  baseUrl?: string;
  /** custom fetch (defaults to globalThis.fetch) */
  fetch?: (request: Request) => Promise<Response>;
  /** extra headers sent with every request */
  headers?: Record<string, string>;
}

export interface TrieveClient {
  /** the API origin requests go to */
  readonly baseUrl: string;
  /** the underlying openapi-fetch client, typed with every path of the spec, for calls this wrapper does not cover */
  readonly raw: Client<paths>;
  /**
   * Delete User Api Key: deletes an API key of the authenticated user.
   * Resolves also when the id does not exist or belongs to someone else: Trieve answers 204 either way.
   */
  deleteUserApiKey(apiKeyId: string, options?: RequestOptions): Promise<void>;
}

/** Internal state the operations share; never exposed, so the key cannot leak through the client object. */
export interface ClientContext {
  raw: Client<paths>;
  /** replaces the API key with *** in text that came back from a server */
  redact: (text: string) => string;
}

// Read without assuming Node: browsers and edge runtimes have no `process`.
const fromEnvironment = (): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.TRIEVE_API_KEY;

export function createTrieveClient(options: TrieveClientOptions = {}): TrieveClient {
  const apiKey = options.apiKey ?? fromEnvironment();
  assertApiKey(apiKey);
  const baseUrl = parseBaseUrl(options.baseUrl ?? defaultBaseUrl);
  const raw = createClient<paths>({
    baseUrl,
    fetch: options.fetch,
    headers: { ...options.headers, Authorization: apiKey },
  });
  const context: ClientContext = { raw, redact: (text) => text.split(apiKey).join("***") };
  const describe = () => ({ baseUrl, apiKey: "***" });
  return {
    baseUrl,
    raw,
    deleteUserApiKey: (apiKeyId, requestOptions) => deleteUserApiKey(context, apiKeyId, requestOptions),
    // What `console.log(client)` and `JSON.stringify(client)` show: never the key.
    toJSON: describe,
    [Symbol.for("nodejs.util.inspect.custom")]: () => `TrieveClient ${JSON.stringify(describe())}`,
  } as TrieveClient;
}
