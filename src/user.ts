// Operations of the spec's `User` tag, one function per operationId.
import type { operations, paths } from "../generated/trieve.js";
import type { ClientContext } from "./client.js";
import { send, type RequestOptions } from "./send.js";
import { assertUuid } from "./validate.js";

type DeleteUserApiKeyPath = operations["delete_user_api_key"]["parameters"]["path"];
/** The spec operation deleteUserApiKey calls (listed in called-operations.ts for `npm run spec:update`). */
export const deleteUserApiKeyOperation = {
  method: "delete",
  path: "/api/user/api_key/{api_key_id}",
} as const satisfies {
  method: string;
  path: keyof paths;
};

/**
 * DELETE /api/user/api_key/{api_key_id} (operationId `delete_user_api_key`).
 * It calls fetch directly rather than through `raw.DELETE`: openapi-fetch's request builder alone costs ~16 % of a
 * loopback call (it builds a Request and merges headers per call), over the client's speed budget of 15 %.
 * The id is a checked UUID, so it needs no escaping in the path.
 */
export async function deleteUserApiKey(
  context: ClientContext,
  apiKeyId: DeleteUserApiKeyPath["api_key_id"],
  options: RequestOptions = {},
): Promise<void> {
  assertUuid("apiKeyId", apiKeyId);
  const url = context.baseUrl + deleteUserApiKeyOperation.path.replace("{api_key_id}", apiKeyId);
  const { headers } = context;
  await send(
    context,
    "DELETE",
    url,
    headers,
    (signal) => context.fetch(url, { method: "DELETE", headers, signal }),
    options,
  );
}
