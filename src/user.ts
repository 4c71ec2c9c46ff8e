// Operations of the spec's `User` tag, one function per operationId.
import type { operations } from "../generated/trieve.js";
import { apiErrorFromResponse } from "./api-error.js";
import type { ClientContext } from "./client.js";
import { assertUuid } from "./validate.js";

export interface RequestOptions {
  /** aborts the request; the promise then rejects with the signal's reason */
  signal?: AbortSignal;
}

type DeleteUserApiKeyPath = operations["delete_user_api_key"]["parameters"]["path"];

/** DELETE /api/user/api_key/{api_key_id} (operationId `delete_user_api_key`). */
export async function deleteUserApiKey(
  context: ClientContext,
  apiKeyId: DeleteUserApiKeyPath["api_key_id"],
  options: RequestOptions = {},
): Promise<void> {
  assertUuid("apiKeyId", apiKeyId);
  const { response, error } = await context.raw.DELETE("/api/user/api_key/{api_key_id}", {
    params: { path: { api_key_id: apiKeyId } },
    signal: options.signal,
  });
  // Decide on the status, never on `error`: openapi-fetch leaves it undefined for empty error
  // bodies and makes it a plain string for HTML ones.
  if (!response.ok) throw apiErrorFromResponse(response, error, context.redact);
}
