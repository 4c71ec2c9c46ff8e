// Contract test: what the client sends must pass Prism's validation of requests against spec/trieve.yaml
// (path, method, parameters, the ApiKey security scheme), and what Prism answers from the spec must become the
// documented results. Prism 5.14.2 runs in its own process on a free loopback port, once for this file.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrismMock, type PrismMock } from "./helpers/prism-mock.js";
import { createTrieveClient, TrieveApiError, TrieveBadRequestError } from "../src/index.js";
import { apiKey, apiKeyId } from "./helpers/fixtures.js";

const spec = fileURLToPath(new URL("../spec/trieve.yaml", import.meta.url));
let prism: PrismMock;

beforeAll(async () => {
  prism = await startPrismMock(spec);
}, 60_000);
afterAll(async () => {
  await prism?.stop();
});

describe("against Prism mocking spec/trieve.yaml", () => {
  it("deleteUserApiKey passes Prism's request validation and resolves on its 204", async () => {
    // Prism answers 422 to a request that breaks the spec, and 401 to one without the key: both would throw here.
    await expect(
      createTrieveClient({ apiKey, baseUrl: prism.url }).deleteUserApiKey(apiKeyId),
    ).resolves.toBeUndefined();
  });

  it("`Prefer: code=400` gives a TrieveApiError with the spec example's message", async () => {
    const client = createTrieveClient({ apiKey, baseUrl: prism.url, headers: { Prefer: "code=400" } });
    const error = await client.deleteUserApiKey(apiKeyId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrieveBadRequestError);
    expect(error).toBeInstanceOf(TrieveApiError);
    expect(error).toMatchObject({ status: 400, message: "Bad Request", body: { message: "Bad Request" }, attempts: 1 });
  });

  it("a request without the key gets 401 from Prism", async () => {
    // The client refuses to be built without a key, so the request goes through `raw` (the client's own
    // openapi-fetch client, with its retries and timeout) and removes the header: openapi-fetch drops a header set to null.
    const client = createTrieveClient({ apiKey, baseUrl: prism.url });
    const { response } = await client.raw.DELETE("/api/user/api_key/{api_key_id}", {
      params: { path: { api_key_id: apiKeyId } },
      headers: { Authorization: null },
    });
    expect(response.status).toBe(401);
    // and the same call with the key passes, so it is the missing key that Prism refused
    const withKey = await client.raw.DELETE("/api/user/api_key/{api_key_id}", {
      params: { path: { api_key_id: apiKeyId } },
    });
    expect(withKey.response.status).toBe(204);
  });
});
