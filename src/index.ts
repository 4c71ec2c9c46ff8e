// The public API of the package. Everything a user may import is listed here by name.
export { createTrieveClient, defaultBaseUrl, type TrieveClient, type TrieveClientOptions } from "./client.js";
export type { RequestOptions, TrieveLogger } from "./client-context.js";
export type { ScopedHeader, WithScopedHeaders } from "./scoped-headers.js";
export {
  TrieveError,
  TrieveInputError,
  TrieveApiError,
  type TrieveApiErrorOptions,
  TrieveBadRequestError,
  TrieveAuthenticationError,
  TrievePermissionDeniedError,
  TrieveNotFoundError,
  TrieveRateLimitError,
  TrieveServerError,
  TrieveConnectionError,
  TrieveTimeoutError,
} from "./errors.js";
// The generated types, so users can type their own calls (e.g. `paths["/api/user/api_key/{api_key_id}"]`).
export type { paths, components, operations } from "../generated/trieve.js";
