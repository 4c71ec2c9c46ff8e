// Operations of the spec's `User` tag, one function per operationId.
import type { operations, paths } from "../generated/trieve.js";
import type { ClientContext, RequestOptions } from "./client-context.js";
import { send } from "./send.js";
import { assertUuid } from "./validate.js";

type DeleteUserApiKeyPath = operations["delete_user_api_key"]["parameters"]["path"];
const path = "/api/user/api_key/{api_key_id}" satisfies keyof paths;
/**
 * The spec operation deleteUserApiKey calls (listed in called-operations.ts for `npm run spec:update`; the client
 * itself uses only `path`, so bundlers drop this object).
 */
export const deleteUserApiKeyOperation = { method: "delete", path } as const;

/**
 * DELETE /api/user/api_key/{api_key_id} (operationId `delete_user_api_key`), through openapi-fetch's typed DELETE.
 * Success is decided on the HTTP status, not on openapi-fetch's `error` (undefined for an empty body): the call's
 * own `fetch`, `send`, rejects a final non-2xx answer with its TrieveApiError (send.ts says why there).
 */
export async function deleteUserApiKey(
  context: ClientContext,
  apiKeyId: DeleteUserApiKeyPath["api_key_id"],
  options?: RequestOptions,
): Promise<void> {
  assertUuid("apiKeyId", apiKeyId);
  await context.api.DELETE(path, {
    params: { path: { api_key_id: apiKeyId } },
    // Trieve answers 204; whatever another 2xx holds is not parsed, so it cannot fail as JSON.
    parseAs: "text",
    // A final non-2xx answer rejects in `send`, with its TrieveApiError: openapi-fetch sees only 2xx ones.
    fetch: options ? (request) => send(context, request, options, true) : context.sendOrThrow,
  });
}
