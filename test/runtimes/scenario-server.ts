import { apiKey, apiKeyId } from "../helpers/fixtures.js";
import { json, startLocalServer, type LocalServer } from "../helpers/local-server.js";

/** What scenario.mjs gets: where the API is, the key, an id the server deletes and one it refuses. */
export interface ScenarioInput {
  baseUrl: string;
  apiKey: string;
  okId: string;
  badId: string;
}

const badId = "3c90c3cc-0d44-4b50-8888-000000000400";
const serverMessage = "Failed to delete api key: it does not exist or belongs to another user";

/**
 * A real HTTP server on 127.0.0.1 playing Trieve for one runtime: 204 for `okId`, 400 with a JSON
 * `message` for anything else. CORS headers on every answer, so that a page on another origin may call it
 * (a preflight must allow `Authorization`, which `*` does not cover).
 */
export async function startScenarioServer(): Promise<{ server: LocalServer; input: ScenarioInput }> {
  const server = await startLocalServer((req, res) => {
    const cors = {
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "DELETE",
      "access-control-allow-headers": "authorization, content-type",
      "access-control-expose-headers": "x-request-id",
    };
    if (req.method === "OPTIONS") res.writeHead(204, cors).end();
    else if (req.method === "DELETE" && req.url === `/api/user/api_key/${apiKeyId}`) res.writeHead(204, cors).end();
    else json(res, 400, { message: serverMessage }, { ...cors, "x-request-id": "req-400" });
  });
  return { server, input: { baseUrl: server.url, apiKey, okId: apiKeyId, badId } };
}

/** How each call of scenario.mjs must settle, on every runtime. */
export const expectedOutcome = {
  delete204: { resolved: "undefined" },
  delete400: {
    rejected: "TrieveBadRequestError",
    isTrieveBadRequestError: true,
    status: 400,
    message: serverMessage,
    requestId: "req-400",
  },
};

/** The DELETEs the server must have seen: each id once, each with the raw key in `Authorization`. */
export const expectedDeletes = [
  `DELETE /api/user/api_key/${apiKeyId} authorization=${apiKey}`,
  `DELETE /api/user/api_key/${badId} authorization=${apiKey}`,
];

export const deletesSeen = (server: LocalServer): string[] =>
  server.received
    .filter((r) => r.method !== "OPTIONS")
    .map((r) => `${r.method} ${r.url} authorization=${r.headers.authorization}`);
