import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTrieveClient, TrieveApiError, TrieveInputError } from "../src/index.js";
import { apiKey, apiKeyId } from "./helpers/fixtures.js";
import { json, startLocalServer, type LocalServer } from "./helpers/local-server.js";

function inputError(run: () => unknown): TrieveInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TrieveInputError);
    return error as TrieveInputError;
  }
  return expect.unreachable("no error was thrown");
}

/** Every way an error can be shown: none may contain the key. */
function expectNoKeyIn(value: unknown, key = apiKey): void {
  for (const shown of [String(value), JSON.stringify(value), inspect(value, { depth: 10, showHidden: true })]) {
    expect(shown).not.toContain(key);
  }
}

let server: LocalServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

describe("createTrieveClient options", () => {
  it("defaults to the spec's first server", () => {
    expect(createTrieveClient({ apiKey }).baseUrl).toBe("https://api.trieve.ai");
  });

  it("reads the key from TRIEVE_API_KEY when no apiKey is given", async () => {
    server = await startLocalServer((_req, res) => res.writeHead(204).end());
    vi.stubEnv("TRIEVE_API_KEY", "tr-fromtheenvironment0123456789AB");
    await createTrieveClient({ baseUrl: server.url }).deleteUserApiKey(apiKeyId);
    expect(server.received[0]?.headers.authorization).toBe("tr-fromtheenvironment0123456789AB");
  });

  it("sends a `Bearer <key>` value exactly as given (the server accepts both forms)", async () => {
    server = await startLocalServer((_req, res) => res.writeHead(204).end());
    await createTrieveClient({ apiKey: `Bearer ${apiKey}`, baseUrl: server.url }).deleteUserApiKey(apiKeyId);
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it.each([
    ["missing", undefined, /no API key: pass `apiKey`.*TRIEVE_API_KEY/],
    ["empty", "", /no API key/],
    ["with a line feed", `${apiKey}\n`, /control character/],
    ["with CR LF and a smuggled header", `${apiKey}\r\nX-Evil: 1`, /control character/],
    ["with a tab", `tr-\tabc`, /control character/],
    ["with a NUL", `tr-\u0000abc`, /control character/],
    ["with a non-ASCII character", `${apiKey}é`, /non-ASCII/],
  ])("rejects a key that is %s at construction, without showing it", (_what, key, message) => {
    vi.stubEnv("TRIEVE_API_KEY", undefined);
    const error = inputError(() => createTrieveClient({ apiKey: key }));
    expect(error.argument).toBe("apiKey");
    expect(error.message).toMatch(message);
    if (key) expectNoKeyIn(error, key.trim());
  });

  it.each([
    ["relative", "/api"],
    ["without a scheme", "api.trieve.ai"],
    ["of another scheme", "ftp://api.trieve.ai"],
    ["not a URL at all", "http://"],
  ])("rejects a baseUrl that is %s at construction", (_what, baseUrl) => {
    const error = inputError(() => createTrieveClient({ apiKey, baseUrl }));
    expect(error.argument).toBe("baseUrl");
    expect(error.message).toMatch(/^baseUrl must be an absolute http\(s\) URL/);
  });

  it("never shows the key when the client is inspected or serialised", () => {
    const client = createTrieveClient({ apiKey, baseUrl: "http://127.0.0.1:1" });
    expectNoKeyIn(client);
    expect(inspect(client)).toContain("***");
  });

  it("redacts the key when a server echoes it back in an error", async () => {
    server = await startLocalServer((req, res) =>
      json(res, 401, { message: `Unknown key ${req.headers.authorization}` }),
    );
    const error = await createTrieveClient({ apiKey, baseUrl: server.url })
      .deleteUserApiKey(apiKeyId)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrieveApiError);
    expect((error as TrieveApiError).message).toBe("Unknown key ***");
    expectNoKeyIn(error);
  });
});
