// The one scenario every runtime runs. Plain JavaScript, so that Node, Bun, Deno, workerd and Chromium
// all run this same file unchanged. It runs from the consumer project of consumer.ts and imports the built
// package by its name, as a user does: the name resolves through node_modules and the package's "exports".
import { createTrieveClient, TrieveBadRequestError } from "trieve-ts-client";

/**
 * Deletes `okId` (the server answers 204) and then `badId` (the server answers 400), and describes how
 * each call settled, as plain JSON for the test to compare: a runtime's own objects cannot cross over.
 *
 * @param {{ baseUrl: string; apiKey: string; okId: string; badId: string }} input
 */
export async function scenario({ baseUrl, apiKey, okId, badId }) {
  const client = createTrieveClient({ apiKey, baseUrl, maxRetries: 0 });
  return {
    delete204: await settled(client.deleteUserApiKey(okId)),
    delete400: await settled(client.deleteUserApiKey(badId)),
  };
}

/** @param {Promise<unknown>} promise */
async function settled(promise) {
  try {
    const value = await promise;
    return { resolved: value === undefined ? "undefined" : JSON.stringify(value) };
  } catch (error) {
    const e = /** @type {{ name?: string; message?: string; status?: number; requestId?: string }} */ (error);
    return {
      rejected: e?.name,
      isTrieveBadRequestError: error instanceof TrieveBadRequestError,
      status: e?.status,
      message: e?.message,
      requestId: e?.requestId,
    };
  }
}
