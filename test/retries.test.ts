// The client's own behaviour on a real network: retries, timeouts, aborts, typed errors, logging, redirects.
// Every test talks to a real node:http server on 127.0.0.1 and checks what that server received.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  createTrieveClient,
  TrieveApiError,
  TrieveAuthenticationError,
  TrieveBadRequestError,
  TrieveConnectionError,
  TrieveError,
  TrieveInputError,
  TrieveNotFoundError,
  TrievePermissionDeniedError,
  TrieveRateLimitError,
  TrieveServerError,
  TrieveTimeoutError,
  type TrieveClientOptions,
} from "../src/index.js";
import { apiKey, apiKeyId } from "./helpers/fixtures.js";
import { json, startLocalServer, type Handler, type LocalServer } from "./helpers/local-server.js";

let servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

/** A server whose handler also gets the 1-based number of the request; `times` records when each arrived. */
async function serve(handler: (n: number, ...args: Parameters<Handler>) => void) {
  const times: number[] = [];
  const server: LocalServer = await startLocalServer((req, res) => {
    times.push(performance.now());
    handler(server.received.length, req, res);
  });
  servers.push(server);
  return Object.assign(server, { times });
}

const clientOf = (server: LocalServer, options: TrieveClientOptions = {}) =>
  createTrieveClient({ apiKey, baseUrl: server.url, ...options });

/** What the promise rejected with (fails the test if it resolved). */
const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => expect.unreachable("the call resolved"),
    (error: unknown) => error,
  );

const noAnswer = () => {
  /* never answers */
};
/** Retry hints of 1 ms keep the suite fast; the default backoff has its own test. */
const fast = { "retry-after-ms": "1" };

describe("retries", () => {
  it("429 with Retry-After: 1 → waits about a second, then the 204 resolves", async () => {
    const server = await serve((n, _req, res) =>
      n === 1 ? json(res, 429, { message: "Too many requests" }, { "retry-after": "1" }) : res.writeHead(204).end(),
    );
    await expect(clientOf(server).deleteUserApiKey(apiKeyId)).resolves.toBeUndefined();
    expect(server.received).toHaveLength(2);
    expect(server.times[1]! - server.times[0]!).toBeGreaterThanOrEqual(950);
    // each attempt is a whole new request, with the key
    expect(server.received.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ["DELETE", `/api/user/api_key/${apiKeyId}`, apiKey],
      ["DELETE", `/api/user/api_key/${apiKeyId}`, apiKey],
    ]);
  });

  it("503 twice, then 204: backs off 0.5 s then 1 s (less up to 25 % jitter) without a hint", async () => {
    const server = await serve((n, _req, res) => res.writeHead(n <= 2 ? 503 : 204).end());
    await expect(clientOf(server).deleteUserApiKey(apiKeyId)).resolves.toBeUndefined();
    expect(server.received).toHaveLength(3);
    const [first, second, third] = server.times as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(370);
    expect(second - first).toBeLessThan(700);
    expect(third - second).toBeGreaterThanOrEqual(745);
    expect(third - second).toBeLessThan(1300);
  });

  it("503 every time → TrieveServerError after 1 + maxRetries attempts, saying how many", async () => {
    const server = await serve((_n, _req, res) => json(res, 503, { message: "Service Unavailable" }, fast));
    const error = await rejection(clientOf(server, { maxRetries: 3 }).deleteUserApiKey(apiKeyId));
    expect(error).toBeInstanceOf(TrieveServerError);
    expect(error).toBeInstanceOf(TrieveApiError);
    expect(error).toMatchObject({ status: 503, attempts: 4, message: "Service Unavailable (after 4 attempts)" });
    expect(server.received).toHaveLength(4);
  });

  it.each([408, 409, 500, 502, 504])("retries %i", async (status) => {
    const server = await serve((n, _req, res) => res.writeHead(n === 1 ? status : 204, fast).end());
    await clientOf(server).deleteUserApiKey(apiKeyId);
    expect(server.received).toHaveLength(2);
  });

  it.each([
    [400, TrieveBadRequestError],
    [401, TrieveAuthenticationError],
    [403, TrievePermissionDeniedError],
    [404, TrieveNotFoundError],
    [422, TrieveApiError],
  ])("never retries %i, and throws its class", async (status, ErrorClass) => {
    const server = await serve((_n, _req, res) => json(res, status, { message: `status ${status}` }, fast));
    const error = await rejection(clientOf(server).deleteUserApiKey(apiKeyId));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, attempts: 1, message: `status ${status}`, name: ErrorClass.name });
    expect(server.received).toHaveLength(1);
  });

  it("429 every time → TrieveRateLimitError; maxRetries and timeoutMs per call override the client's", async () => {
    const server = await serve((_n, _req, res) => res.writeHead(429, fast).end());
    const client = clientOf(server, { maxRetries: 0 });
    const error = await rejection(client.deleteUserApiKey(apiKeyId, { maxRetries: 1, timeoutMs: 5000 }));
    expect(error).toBeInstanceOf(TrieveRateLimitError);
    expect(error).toMatchObject({ attempts: 2, message: "Too Many Requests (after 2 attempts)" });
    expect(server.received).toHaveLength(2);
  });

  it("a closed port → TrieveConnectionError with undici's error as cause, after 1 + maxRetries attempts", async () => {
    const closed = await startLocalServer(noAnswer);
    await closed.close();
    const error = await rejection(clientOf(closed, { maxRetries: 1 }).deleteUserApiKey(apiKeyId));
    expect(error).toBeInstanceOf(TrieveConnectionError);
    expect(error).not.toBeInstanceOf(TrieveTimeoutError);
    const { message, attempts, cause } = error as TrieveConnectionError;
    expect(attempts).toBe(2);
    expect(message).toBe(
      `DELETE ${closed.url}/api/user/api_key/${apiKeyId}: cannot connect (connect ECONNREFUSED ${closed.url.slice(7)}) (after 2 attempts); check baseUrl and the network`,
    );
    expect(cause).toBeInstanceOf(TypeError);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(apiKey);
  });

  it("raw calls get the same retries and return the final answer as openapi-fetch does", async () => {
    const server = await serve((n, _req, res) =>
      n === 1 ? json(res, 503, { message: "busy" }, fast) : json(res, 400, { message: "bad" }),
    );
    const { response, error } = await clientOf(server).raw.DELETE("/api/user/api_key/{api_key_id}", {
      params: { path: { api_key_id: apiKeyId } },
    });
    expect(response.status).toBe(400);
    expect(error).toEqual({ message: "bad" });
    expect(server.received.map((r) => r.headers.authorization)).toEqual([apiKey, apiKey]);
  });
});

describe("timeouts", () => {
  it("a server that never answers → TrieveTimeoutError after about timeoutMs per attempt", async () => {
    const server = await serve(noAnswer);
    const started = performance.now();
    const error = await rejection(clientOf(server, { timeoutMs: 150, maxRetries: 1 }).deleteUserApiKey(apiKeyId));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TrieveTimeoutError);
    expect(error).toBeInstanceOf(TrieveConnectionError);
    expect(error).toMatchObject({
      attempts: 2,
      message: `DELETE ${server.url}/api/user/api_key/${apiKeyId}: no response in 150 ms (after 2 attempts); check timeoutMs`,
    });
    expect(server.received).toHaveLength(2);
    // each attempt waited 150 ms (up to 1/16 more), with a 375–500 ms backoff between them
    expect(server.times[1]! - server.times[0]!).toBeGreaterThanOrEqual(150 + 370);
    expect(elapsed).toBeGreaterThanOrEqual(2 * 150 + 370);
    expect(elapsed).toBeLessThan(2 * 160 + 500 + 400);
  });

  it("timeoutMs per call, without retries", async () => {
    const server = await serve(noAnswer);
    const started = performance.now();
    const error = await rejection(clientOf(server).deleteUserApiKey(apiKeyId, { timeoutMs: 100, maxRetries: 0 }));
    expect(error).toMatchObject({ name: "TrieveTimeoutError", attempts: 1 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(99);
    expect(performance.now() - started).toBeLessThan(500);
    expect(server.received).toHaveLength(1);
  });

  it.each([
    [{ maxRetries: -1 }, "maxRetries must be an integer from 0 to 100; got -1"],
    [{ maxRetries: Number.NaN }, "maxRetries must be an integer from 0 to 100; got NaN"],
    [{ timeoutMs: 0 }, "timeoutMs must be an integer from 1 to 2147483647; got 0"],
    [{ timeoutMs: Infinity }, "timeoutMs must be an integer from 1 to 2147483647; got Infinity"],
  ])("rejects %o at construction and per call, sending nothing", async (options, message) => {
    const server = await serve((_n, _req, res) => res.writeHead(204).end());
    expect(() => clientOf(server, options)).toThrow(message);
    const error = await rejection(clientOf(server).deleteUserApiKey(apiKeyId, options));
    expect(error).toBeInstanceOf(TrieveInputError);
    expect((error as TrieveInputError).message).toBe(message);
    expect(server.received).toHaveLength(0);
  });
});

describe("abort", () => {
  it("an abort in the middle of a request rejects with the signal's AbortError and is never retried", async () => {
    const server = await serve(noAnswer);
    const controller = new AbortController();
    const pending = clientOf(server).deleteUserApiKey(apiKeyId, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(error).toBe(controller.signal.reason);
    expect(error).not.toBeInstanceOf(TrieveError);
    await new Promise((resolve) => setTimeout(resolve, 700)); // longer than the first backoff
    expect(server.received).toHaveLength(1);
  });

  it("an abort during the backoff rejects at once with the caller's own reason", async () => {
    const server = await serve((_n, _req, res) => res.writeHead(503).end());
    const controller = new AbortController();
    const started = performance.now();
    const pending = clientOf(server).deleteUserApiKey(apiKeyId, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user left")), 100);
    expect(await rejection(pending)).toMatchObject({ message: "user left" });
    expect(performance.now() - started).toBeLessThan(350); // the backoff was at least 375 ms
    expect(server.received).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const server = await serve((_n, _req, res) => res.writeHead(204).end());
    const error = await rejection(clientOf(server).deleteUserApiKey(apiKeyId, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ name: "AbortError" });
    expect(server.received).toHaveLength(0);
  });
});

describe("secrets", () => {
  it("logs each attempt and retry through the logger, with credentials as ***", async () => {
    const server = await serve((n, _req, res) => res.writeHead(n === 1 ? 503 : 204, fast).end());
    const lines: unknown[][] = [];
    const logger = {
      debug: (...args: unknown[]) => lines.push(["debug", ...args]),
      info: (...args: unknown[]) => lines.push(["info", ...args]),
      warn: (...args: unknown[]) => lines.push(["warn", ...args]),
      error: (...args: unknown[]) => lines.push(["error", ...args]),
    };
    const client = clientOf(server, {
      logger,
      headers: { Cookie: "session=1", "X-API-KEY": apiKey, "TR-Dataset": "d1" },
    });
    await client.deleteUserApiKey(apiKeyId);
    const url = `${server.url}/api/user/api_key/${apiKeyId}`;
    const headers = { authorization: "***", cookie: "***", "x-api-key": "***", "tr-dataset": "d1" };
    expect(lines).toEqual([
      ["debug", `trieve: DELETE ${url} #1`, headers],
      ["warn", `trieve: DELETE ${url}: 503; retrying in 1 ms`],
      ["debug", `trieve: DELETE ${url} #2`, headers],
    ]);
    expect(inspect(lines, { depth: 10 })).not.toContain(apiKey);
  });

  it("a redirect to another origin does not carry the key there; a same-origin one does", async () => {
    const other = await serve((_n, _req, res) => res.writeHead(204).end());
    const server = await serve((n, _req, res) =>
      res.writeHead(307, { location: n === 1 ? `${other.url}/elsewhere` : `/api/v2/same-origin` }).end(),
    );
    const client = clientOf(server);
    await client.deleteUserApiKey(apiKeyId);
    expect(other.received).toHaveLength(1);
    expect(other.received[0]).toMatchObject({ method: "DELETE", url: "/elsewhere" });
    expect(other.received[0]!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(other.received)).not.toContain(apiKey);

    await rejection(client.deleteUserApiKey(apiKeyId, { maxRetries: 0 })); // 307 → /api/v2/same-origin → 307 …
    expect(server.received[2]).toMatchObject({ url: "/api/v2/same-origin" });
    expect(server.received[2]!.headers.authorization).toBe(apiKey);
  });
});
