import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTrieveClient, TrieveApiError, TrieveInputError } from "../src/index.js";
import { expectNoKeyIn } from "./helpers/expect-no-key.js";
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

  const noKey = "no API key: pass `apiKey` or set TRIEVE_API_KEY";
  const badCharacter =
    "apiKey must be a non-empty string without control (a line break?) or non-ASCII characters: copy it again";
  it.each([
    ["missing", undefined, noKey],
    ["empty", "", noKey],
    ["with a line feed", `${apiKey}\n`, badCharacter],
    ["with CR LF and a smuggled header", `${apiKey}\r\nX-Evil: 1`, badCharacter],
    ["with a tab", `${apiKey}\t`, badCharacter],
    ["with a NUL", `\u0000${apiKey}`, badCharacter],
    ["with a non-ASCII character", `${apiKey}é`, badCharacter],
  ])("rejects a key that is %s at construction, without showing it", (_what, key, message) => {
    vi.stubEnv("TRIEVE_API_KEY", undefined);
    const error = inputError(() => createTrieveClient({ apiKey: key }));
    expect(error.argument).toBe("apiKey");
    expect(error.message).toBe(message);
    expectNoKeyIn(error); // the bare key, not only the whole bad value
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

  it("redacts the key when a server (or a proxy) echoes it back in a response header", async () => {
    server = await startLocalServer((req, res) => {
      res.writeHead(401, {
        "content-type": "application/json",
        "www-authenticate": `Key ${req.headers.authorization}`,
      });
      res.end(JSON.stringify({ message: "Unknown key" }));
    });
    const error = await createTrieveClient({ apiKey, baseUrl: server.url })
      .deleteUserApiKey(apiKeyId)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrieveApiError);
    expect((error as TrieveApiError).headers.get("www-authenticate")).toBe("Key ***");
    expect(inspect(error)).toContain("Key ***");
    expectNoKeyIn(error);
  });

  // A key may hold `"` or `\` (printable ASCII is allowed). In a JSON body the server writes them escaped, so the
  // bare key is not in the text: only the redaction of the escaped form keeps JSON.parse from bringing it back.
  const quotedKey = 'tr-0123"4567\\89abcdef';
  it.each([
    ["a JSON body (the key JSON-escaped)", (key: string) => JSON.stringify({ message: `Unknown key ${key}` })],
    ["a text body (the key as it is)", (key: string) => `Unknown key ${key}`],
  ])("redacts a key with a quote and a backslash echoed in %s", async (_body, echo) => {
    server = await startLocalServer((req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(echo(String(req.headers.authorization)));
    });
    const error = await createTrieveClient({ apiKey: quotedKey, baseUrl: server.url })
      .deleteUserApiKey(apiKeyId)
      .catch((e: unknown) => e);
    expect(server.received[0]?.headers.authorization).toBe(quotedKey);
    expect(error).toBeInstanceOf(TrieveApiError);
    expect((error as TrieveApiError).message).toBe("Unknown key ***");
    expectNoKeyIn(error, quotedKey);
  });
});
