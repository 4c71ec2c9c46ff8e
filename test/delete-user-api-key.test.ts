import { afterEach, describe, expect, it } from "vitest";
import { createTrieveClient, TrieveApiError, TrieveError, TrieveInputError } from "../src/index.js";
import { apiKey, apiKeyId } from "./helpers/fixtures.js";
import { json, startLocalServer, type Handler, type LocalServer } from "./helpers/local-server.js";

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: Handler, options: { maxRetries?: number } = {}) {
  server = await startLocalServer(handler);
  return { client: createTrieveClient({ apiKey, baseUrl: server.url, ...options }), server };
}

/** Runs the call and returns what it rejected with (fails the test if it resolved). */
async function rejection(promise: Promise<unknown>): Promise<TrieveApiError> {
  const error = await promise.then(
    () => expect.unreachable("the call resolved"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrieveApiError);
  return error as TrieveApiError;
}

describe("deleteUserApiKey", () => {
  it("sends DELETE to the key's path with the raw key in Authorization, and resolves undefined on 204", async () => {
    const { client, server } = await clientFor((_req, res) => res.writeHead(204).end());
    await expect(client.deleteUserApiKey(apiKeyId)).resolves.toBeUndefined();
    expect(server.received).toHaveLength(1);
    const [req] = server.received;
    expect(req?.method).toBe("DELETE");
    expect(req?.url).toBe(`/api/user/api_key/${apiKeyId}`);
    expect(req?.headers.authorization).toBe(apiKey);
  });

  it("sends the default headers given to the client", async () => {
    server = await startLocalServer((_req, res) => res.writeHead(204).end());
    const client = createTrieveClient({ apiKey, baseUrl: `${server.url}/`, headers: { "TR-Organization": "org-1" } });
    await client.deleteUserApiKey(apiKeyId);
    expect(server.received[0]?.headers["tr-organization"]).toBe("org-1");
    expect(server.received[0]?.url).toBe(`/api/user/api_key/${apiKeyId}`);
  });

  it("uses a custom fetch", async () => {
    server = await startLocalServer((_req, res) => res.writeHead(204).end());
    const seen: string[] = [];
    const client = createTrieveClient({
      apiKey,
      baseUrl: server.url,
      fetch: (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return fetch(request);
      },
    });
    await client.deleteUserApiKey(apiKeyId);
    expect(seen).toEqual([`DELETE /api/user/api_key/${apiKeyId}`]);
  });

  it("rejects a 400 JSON answer with a TrieveApiError carrying the server's message", async () => {
    const { client } = await clientFor((_req, res) =>
      json(res, 400, { message: "Failed to delete api key" }, { "x-request-id": "req-42" }),
    );
    const error = await rejection(client.deleteUserApiKey(apiKeyId));
    expect(error).toBeInstanceOf(TrieveError);
    expect(error.status).toBe(400);
    expect(error.message).toBe("Failed to delete api key");
    expect(error.body).toEqual({ message: "Failed to delete api key" });
    expect(error.requestId).toBe("req-42");
    expect(error.headers.get("content-type")).toBe("application/json");
  });

  it("rejects a 401 for an unknown key with status 401 and Trieve's message", async () => {
    const { client } = await clientFor((_req, res) => json(res, 401, { message: "Unauthorized" }));
    const error = await rejection(client.deleteUserApiKey(apiKeyId));
    expect(error.status).toBe(401);
    expect(error.message).toBe("Unauthorized");
    expect(error.requestId).toBeUndefined();
  });

  // These two test how a body becomes an error; retries (on by default for 5xx) are tested in retries.test.ts.
  it("handles a 500 with an empty body (Content-Length: 0, as proxies send) using the status text", async () => {
    const { client } = await clientFor((_req, res) => res.writeHead(500, { "content-length": "0" }).end(), {
      maxRetries: 0,
    });
    const error = await rejection(client.deleteUserApiKey(apiKeyId));
    expect(error.status).toBe(500);
    expect(error.message).toBe("Internal Server Error");
    expect(error.body).toBeUndefined();
  });

  it("handles a 502 HTML page from a proxy: the text becomes the message, the page stays in body", async () => {
    const page =
      "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    const { client } = await clientFor(
      (_req, res) => {
        res.writeHead(502, { "content-type": "text/html" });
        res.end(page);
      },
      { maxRetries: 0 },
    );
    const error = await rejection(client.deleteUserApiKey(apiKeyId));
    expect(error.status).toBe(502);
    expect(error.message).toBe(page);
    expect(error.body).toBe(page);
  });

  it("collapses the whitespace of a text body into single spaces for the message", async () => {
    const text = "\n  Failed to delete\tapi key:\r\n\n   try again later  \n";
    const { client } = await clientFor((_req, res) => {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(text);
    });
    const error = await rejection(client.deleteUserApiKey(apiKeyId));
    expect(error.message).toBe("Failed to delete api key: try again later");
    expect(error.body).toBe(text);
  });

  it("cuts a long text body at 200 characters for the message, and keeps all of it in body", async () => {
    const page = `<p>\n  ${"x".repeat(300)}\n</p>`;
    const { client } = await clientFor((_req, res) => {
      res.writeHead(400, { "content-type": "text/html" });
      res.end(page);
    });
    const error = await rejection(client.deleteUserApiKey(apiKeyId));
    expect(error.message).toBe(`<p> ${"x".repeat(196)}`);
    expect(error.message).toHaveLength(200);
    expect(error.body).toBe(page);
  });

  it("uses the JSON text as the message when the JSON has no string `message`", async () => {
    const text = '{\n  "message": 42,\n  "error": "quota exceeded"\n}';
    const { client } = await clientFor((_req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(text);
    });
    const error = await rejection(client.deleteUserApiKey(apiKeyId));
    expect(error.message).toBe('{ "message": 42, "error": "quota exceeded" }');
    expect(error.body).toEqual({ message: 42, error: "quota exceeded" });
  });

  it("resolves on a 2xx other than 204 without parsing its body", async () => {
    const { client } = await clientFor((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("<html>deleted</html>");
    });
    await expect(client.deleteUserApiKey(apiKeyId)).resolves.toBeUndefined();
  });

  it("rejects an id that is not a UUID with a TrieveInputError naming the argument, and sends nothing", async () => {
    const { client, server } = await clientFor((_req, res) => res.writeHead(204).end());
    for (const bad of ["not-a-uuid", "", `${apiKeyId}/../../dataset`, " " + apiKeyId]) {
      const error = await client.deleteUserApiKey(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrieveInputError);
      expect((error as TrieveInputError).argument).toBe("apiKeyId");
      expect((error as Error).message).toMatch(/^apiKeyId must be a UUID/);
    }
    expect(server.received).toHaveLength(0);
  });

  it("rejects with the signal's reason when the caller aborts", async () => {
    const controller = new AbortController();
    // abort once the server has the request: the call is then surely in flight
    const { client } = await clientFor(() => controller.abort());
    const error = await client.deleteUserApiKey(apiKeyId, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect(error).toMatchObject({ name: "AbortError" });
  });
});
