// The client's own behaviour on a real network: retries, timeouts, aborts, typed errors, logging, redirects.
// Every test talks to a real node:http server on 127.0.0.1 and checks what that server received. Nothing here
// bounds elapsed time from above: delays are read from what the logger reported, and aborts fire on a positive
// signal (the server got the request, the logger announced a retry), never on a timer that guesses where the call is.
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
  type TrieveLogger,
} from "../src/index.js";
import { expectNoKeyIn } from "./helpers/expect-no-key.js";
import { apiKey, apiKeyId } from "./helpers/fixtures.js";
import {
  json,
  resetConnection,
  stallBody,
  startLocalServer,
  type Handler,
  type LocalServer,
} from "./helpers/local-server.js";

let servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function serve(handler: Handler): Promise<LocalServer> {
  const server = await startLocalServer(handler);
  servers.push(server);
  return server;
}

const clientOf = (server: LocalServer, options: TrieveClientOptions = {}) =>
  createTrieveClient({ apiKey, baseUrl: server.url, ...options });

const path = `/api/user/api_key/${apiKeyId}`;
const rawDelete = (server: LocalServer, options: TrieveClientOptions = {}, signal?: AbortSignal) =>
  clientOf(server, options).raw.DELETE("/api/user/api_key/{api_key_id}", {
    params: { path: { api_key_id: apiKeyId } },
    signal,
  });

/** What the promise rejected with (fails the test if it resolved). */
const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => expect.unreachable("the call resolved"),
    (error: unknown) => error,
  );

/** A logger that records its lines; `onWarn` runs on each retry line (a positive signal that a backoff began). */
function recordingLogger(onWarn?: () => void) {
  const lines: unknown[][] = [];
  const logger: TrieveLogger = {
    debug: (...args) => lines.push(["debug", ...args]),
    info: (...args) => lines.push(["info", ...args]),
    warn: (...args) => {
      lines.push(["warn", ...args]);
      onWarn?.();
    },
    error: (...args) => lines.push(["error", ...args]),
  };
  /** the delays the warn lines announced, in ms */
  const delays = () =>
    lines.filter(([level]) => level === "warn").map(([, message]) => Number(/in (\d+) ms$/.exec(String(message))![1]));
  return { logger, lines, delays };
}

const noAnswer = () => {
  /* never answers */
};
/** Retry hints of 1 ms keep the suite fast; the default backoff has its own test. */
const fast = { "retry-after-ms": "1" };
/** A node timer may fire up to a millisecond early; the server's clock also runs a little after the client's. */
const early = 2;

describe("retries", () => {
  it("429 with Retry-After: 1 → waits the second it asks for, then the 204 resolves", async () => {
    const server = await serve((req, res) =>
      req.n === 1 ? json(res, 429, { message: "Too many requests" }, { "retry-after": "1" }) : res.writeHead(204).end(),
    );
    const { logger, lines, delays } = recordingLogger();
    await expect(clientOf(server, { logger }).deleteUserApiKey(apiKeyId)).resolves.toBeUndefined();
    expect(lines.filter(([level]) => level === "warn")).toEqual([
      ["warn", `trieve: DELETE ${server.url}${path}: 429; retrying in 1000 ms`],
    ]);
    expect(delays()).toEqual([1000]);
    const [first, second] = server.received;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000 - early);
    // each attempt is a whole new request, with the key
    expect(server.received.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ["DELETE", path, apiKey],
      ["DELETE", path, apiKey],
    ]);
  });

  it("503 twice, then 204: backs off 0.5 s, then 1 s (less up to 25 % jitter) without a hint", async () => {
    const server = await serve((req, res) => res.writeHead(req.n <= 2 ? 503 : 204).end());
    const { logger, delays } = recordingLogger();
    await expect(clientOf(server, { logger }).deleteUserApiKey(apiKeyId)).resolves.toBeUndefined();
    expect(server.received).toHaveLength(3);
    const [d1, d2] = delays() as [number, number];
    expect(delays()).toHaveLength(2);
    expect(d1).toBeGreaterThanOrEqual(375);
    expect(d1).toBeLessThanOrEqual(500);
    expect(d2).toBeGreaterThanOrEqual(750);
    expect(d2).toBeLessThanOrEqual(1000);
    // the server saw the waits the logger announced
    const [first, second, third] = server.received.map((r) => r.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(d1 - early);
    expect(third - second).toBeGreaterThanOrEqual(d2 - early);
  });

  it("503 every time → TrieveServerError after 1 + maxRetries attempts, saying how many", async () => {
    const server = await serve((_req, res) => json(res, 503, { message: "Service Unavailable" }, fast));
    const error = await rejection(clientOf(server, { maxRetries: 3 }).deleteUserApiKey(apiKeyId));
    expect(error).toBeInstanceOf(TrieveServerError);
    expect(error).toBeInstanceOf(TrieveApiError);
    expect(error).toMatchObject({ status: 503, attempts: 4, message: "Service Unavailable (after 4 attempts)" });
    expect(server.received).toHaveLength(4);
  });

  it("maxRetries defaults to 2: three attempts in all", async () => {
    const server = await serve((_req, res) => json(res, 503, { message: "Service Unavailable" }, fast));
    const error = await rejection(clientOf(server).deleteUserApiKey(apiKeyId));
    expect(error).toMatchObject({ status: 503, attempts: 3, message: "Service Unavailable (after 3 attempts)" });
    expect(server.received).toHaveLength(3);
  });

  it.each([408, 409, 500, 502, 504])("retries %i", async (status) => {
    const server = await serve((req, res) => res.writeHead(req.n === 1 ? status : 204, fast).end());
    await clientOf(server).deleteUserApiKey(apiKeyId);
    expect(server.received).toHaveLength(2);
  });

  it.each([
    [408, "Request Timeout"],
    [409, "Conflict"],
  ])("a final %i stays a plain TrieveApiError (retried, but no subclass)", async (status, statusText) => {
    const server = await serve((_req, res) => res.writeHead(status, fast).end());
    const error = await rejection(clientOf(server).deleteUserApiKey(apiKeyId));
    expect(error).toBeInstanceOf(TrieveApiError);
    expect((error as object).constructor).toBe(TrieveApiError);
    expect(error).toMatchObject({
      name: "TrieveApiError",
      status,
      attempts: 3,
      message: `${statusText} (after 3 attempts)`,
    });
    expect(server.received).toHaveLength(3);
  });

  it.each([
    [400, TrieveBadRequestError],
    [401, TrieveAuthenticationError],
    [403, TrievePermissionDeniedError],
    [404, TrieveNotFoundError],
    [422, TrieveApiError],
  ])("never retries %i, and throws its class", async (status, ErrorClass) => {
    const server = await serve((_req, res) => json(res, status, { message: `status ${status}` }, fast));
    const error = await rejection(clientOf(server).deleteUserApiKey(apiKeyId));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, attempts: 1, message: `status ${status}`, name: ErrorClass.name });
    expect(server.received).toHaveLength(1);
  });

  it("429 every time → TrieveRateLimitError; maxRetries and timeoutMs per call override the client's", async () => {
    const server = await serve((_req, res) => res.writeHead(429, fast).end());
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
      `DELETE ${closed.url}${path}: cannot connect (connect ECONNREFUSED ${closed.url.slice(7)}) (after 2 attempts); check baseUrl and the network`,
    );
    expect(cause).toBeInstanceOf(TypeError);
    expectNoKeyIn(error);
  });

  it("a connection reset before any answer is retried, and is a TrieveConnectionError on the last attempt", async () => {
    const server = await serve((req, res) => (req.n === 1 ? resetConnection(res) : res.writeHead(204).end()));
    const { logger, lines } = recordingLogger();
    await expect(clientOf(server, { logger }).deleteUserApiKey(apiKeyId)).resolves.toBeUndefined();
    expect(server.received).toHaveLength(2);
    expect(lines[1]).toEqual([
      "warn",
      expect.stringMatching(/: cannot connect \(.*ECONNRESET.*\); retrying in \d+ ms$/),
    ]);

    const resets = await serve((_req, res) => resetConnection(res));
    const error = await rejection(clientOf(resets, { maxRetries: 0 }).deleteUserApiKey(apiKeyId));
    expect(error).toBeInstanceOf(TrieveConnectionError);
    expect(error).toMatchObject({ attempts: 1 });
    expect((error as Error).message).toMatch(
      new RegExp(`^DELETE ${resets.url}${path}: cannot connect \\(.*ECONNRESET.*\\); check baseUrl and the network$`),
    );
  });

  it("raw calls get the same retries and return the final answer as openapi-fetch does", async () => {
    const server = await serve((req, res) =>
      req.n === 1 ? json(res, 503, { message: "busy" }, fast) : json(res, 400, { message: "bad" }),
    );
    const { response, error } = await rawDelete(server);
    expect(response.status).toBe(400);
    expect(error).toEqual({ message: "bad" });
    expect(server.received.map((r) => r.headers.authorization)).toEqual([apiKey, apiKey]);
  });
});

describe("timeouts", () => {
  it("a server that never answers → TrieveTimeoutError after timeoutMs per attempt", async () => {
    const server = await serve(noAnswer);
    const { logger, lines, delays } = recordingLogger();
    const started = performance.now();
    const error = await rejection(
      clientOf(server, { timeoutMs: 150, maxRetries: 1, logger }).deleteUserApiKey(apiKeyId),
    );
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TrieveTimeoutError);
    expect(error).toBeInstanceOf(TrieveConnectionError);
    expect(error).toMatchObject({
      attempts: 2,
      message: `DELETE ${server.url}${path}: no response in 150 ms (after 2 attempts); check timeoutMs`,
    });
    expect(server.received).toHaveLength(2);
    const [delay] = delays() as [number];
    expect(lines.map(([level, message]) => [level, message])).toEqual([
      ["debug", `trieve: DELETE ${server.url}${path} #1`],
      ["warn", `trieve: DELETE ${server.url}${path}: no response in 150 ms; retrying in ${delay} ms`],
      ["debug", `trieve: DELETE ${server.url}${path} #2`],
    ]);
    // two whole deadlines and the backoff between them, at least
    expect(elapsed).toBeGreaterThanOrEqual(2 * 150 + delay - early);
  });

  it("timeoutMs per call, without retries", async () => {
    const server = await serve(noAnswer);
    const started = performance.now();
    const error = await rejection(clientOf(server).deleteUserApiKey(apiKeyId, { timeoutMs: 100, maxRetries: 0 }));
    expect(error).toMatchObject({
      name: "TrieveTimeoutError",
      attempts: 1,
      message: `DELETE ${server.url}${path}: no response in 100 ms; check timeoutMs`,
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(100 - early);
    expect(server.received).toHaveLength(1);
  });

  it.each([
    [{ maxRetries: -1 }, "maxRetries", "maxRetries must be an integer from 0 to 100; got -1"],
    [{ maxRetries: Number.NaN }, "maxRetries", "maxRetries must be an integer from 0 to 100; got NaN"],
    [{ timeoutMs: 0 }, "timeoutMs", "timeoutMs must be an integer from 1 to 2147483647; got 0"],
    [{ timeoutMs: Infinity }, "timeoutMs", "timeoutMs must be an integer from 1 to 2147483647; got Infinity"],
  ])("rejects %o at construction and per call, naming it, sending nothing", async (options, argument, message) => {
    const server = await serve((_req, res) => res.writeHead(204).end());
    for (const error of [
      await rejection(Promise.resolve().then(() => clientOf(server, options))),
      await rejection(clientOf(server).deleteUserApiKey(apiKeyId, options)),
    ]) {
      expect(error).toBeInstanceOf(TrieveInputError);
      expect(error).toMatchObject({ argument, message });
    }
    expect(server.received).toHaveLength(0);
  });
});

// The deadline of an attempt ends when the response headers arrive. Each server below sends its headers and the
// first part of the body at once, then the rest 4 × timeoutMs after the request arrived. The client's deadline
// started before the request was sent, so it is due first: a deadline that still covered the body would cut it.
describe("timeoutMs covers the wait for the headers, not the body", () => {
  const timeoutMs = 100;
  const slowly = (status: number, first: string, rest: string) => {
    const stalls: ReturnType<typeof stallBody>[] = [];
    const handler: Handler = (_req, res) => {
      const stall = stallBody(res, status, { "content-type": "application/json" }, first);
      stalls.push(stall);
      setTimeout(() => stall.finish(rest), 4 * timeoutMs);
    };
    return { handler, stalls };
  };

  it("a slow error body still gives the server's message, not an empty one", async () => {
    const { handler, stalls } = slowly(400, '{"message":"Failed to ', 'delete api key"}');
    const server = await serve(handler);
    const error = await rejection(clientOf(server, { timeoutMs }).deleteUserApiKey(apiKeyId));
    expect(error).toBeInstanceOf(TrieveBadRequestError);
    expect(error).toMatchObject({ message: "Failed to delete api key", body: { message: "Failed to delete api key" } });
    expect(stalls.map((stall) => stall.closedEarly)).toEqual([false]);
  });

  it("a slow raw 2xx body is read in full, not rejected with a DOMException", async () => {
    const { handler, stalls } = slowly(200, '{"deleted":', "true}");
    const server = await serve(handler);
    const { data, response } = await rawDelete(server, { timeoutMs });
    expect(response.status).toBe(200);
    expect(data).toEqual({ deleted: true });
    expect(stalls.map((stall) => stall.closedEarly)).toEqual([false]);
  });

  it("a slow raw error body is read in full", async () => {
    const { handler } = slowly(400, '{"message":"Failed to ', 'delete api key"}');
    const server = await serve(handler);
    const { error, response } = await rawDelete(server, { timeoutMs });
    expect(response.status).toBe(400);
    expect(error).toEqual({ message: "Failed to delete api key" });
  });

  it("the caller's signal still aborts the reading of a body, with its own reason", async () => {
    const server = await serve((_req, res) => {
      stallBody(res, 400, { "content-type": "application/json" }, '{"message":"never ends');
    });
    const controller = new AbortController();
    // The positive signal: the custom fetch resolved, so the headers are in and the body is being read.
    const client = clientOf(server, {
      fetch: async (request) => {
        const response = await fetch(request);
        controller.abort();
        return response;
      },
    });
    const error = await rejection(client.deleteUserApiKey(apiKeyId, { signal: controller.signal }));
    expect(error).toBe(controller.signal.reason);
    expect(error).toMatchObject({ name: "AbortError" });
  });
});

describe("abort", () => {
  it("an abort in the middle of a request rejects with the signal's AbortError and is never retried", async () => {
    const controller = new AbortController();
    const server = await serve(() => controller.abort()); // the request arrived: the call is in flight
    const { logger, lines } = recordingLogger();
    const error = await rejection(
      clientOf(server, { logger }).deleteUserApiKey(apiKeyId, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(error).toBe(controller.signal.reason);
    expect(error).not.toBeInstanceOf(TrieveError);
    // no retry was announced: the call ended with the abort
    expect(lines.map(([level]) => level)).toEqual(["debug"]);
    expect(server.received).toHaveLength(1);
  });

  it("an abort during the backoff rejects at once with the caller's own reason", async () => {
    // The server asks for 60 s: a client that waited them out would fail this test by its timeout.
    const server = await serve((_req, res) => res.writeHead(503, { "retry-after": "60" }).end());
    const controller = new AbortController();
    const { logger } = recordingLogger(() => controller.abort(new Error("user left")));
    const pending = clientOf(server, { logger }).deleteUserApiKey(apiKeyId, { signal: controller.signal });
    expect(await rejection(pending)).toMatchObject({ message: "user left" });
    expect(server.received).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const server = await serve((_req, res) => res.writeHead(204).end());
    const error = await rejection(clientOf(server).deleteUserApiKey(apiKeyId, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ name: "AbortError" });
    expect(server.received).toHaveLength(0);
  });
});

describe("raw calls get the client's timeout, logging and abort", () => {
  it("timeout: a TrieveTimeoutError after 1 + maxRetries attempts", async () => {
    const server = await serve(noAnswer);
    const error = await rejection(rawDelete(server, { timeoutMs: 100, maxRetries: 1 }));
    expect(error).toBeInstanceOf(TrieveTimeoutError);
    expect(error).toMatchObject({
      attempts: 2,
      message: `DELETE ${server.url}${path}: no response in 100 ms (after 2 attempts); check timeoutMs`,
    });
    expect(server.received).toHaveLength(2);
  });

  it("logging: a debug line per attempt, a warn line per retry", async () => {
    const server = await serve((req, res) => res.writeHead(req.n === 1 ? 503 : 204, fast).end());
    const { logger, lines } = recordingLogger();
    const { response } = await rawDelete(server, { logger });
    expect(response.status).toBe(204);
    expect(lines).toEqual([
      ["debug", `trieve: DELETE ${server.url}${path} #1`, { authorization: "***" }],
      ["warn", `trieve: DELETE ${server.url}${path}: 503; retrying in 1 ms`],
      ["debug", `trieve: DELETE ${server.url}${path} #2`, { authorization: "***" }],
    ]);
  });

  it("abort: rejects with the signal's reason and is never retried", async () => {
    const controller = new AbortController();
    const server = await serve(() => controller.abort(new Error("user left")));
    const { logger, lines } = recordingLogger();
    const error = await rejection(rawDelete(server, { logger }, controller.signal));
    expect(error).toBe(controller.signal.reason);
    expect(lines.map(([level]) => level)).toEqual(["debug"]);
    expect(server.received).toHaveLength(1);
  });
});

describe("secrets", () => {
  it("logs each attempt and retry through the logger, with credentials as ***", async () => {
    const server = await serve((req, res) => res.writeHead(req.n === 1 ? 503 : 204, fast).end());
    const { logger, lines } = recordingLogger();
    const client = clientOf(server, {
      logger,
      headers: {
        Cookie: "session=1",
        "X-API-KEY": apiKey,
        "Set-Cookie": `key=${apiKey}`,
        "Proxy-Authorization": `Basic ${apiKey}`,
        "TR-Dataset": "d1",
      },
    });
    await client.deleteUserApiKey(apiKeyId);
    const url = `${server.url}${path}`;
    const headers = {
      authorization: "***",
      cookie: "***",
      "x-api-key": "***",
      "set-cookie": "***",
      "proxy-authorization": "***",
      "tr-dataset": "d1",
    };
    expect(lines).toEqual([
      ["debug", `trieve: DELETE ${url} #1`, headers],
      ["warn", `trieve: DELETE ${url}: 503; retrying in 1 ms`],
      ["debug", `trieve: DELETE ${url} #2`, headers],
    ]);
    expect(inspect(lines, { depth: 10 })).not.toContain(apiKey);
  });

  it.each([
    ["its message", (key: string) => new TypeError(`connect refused for ${key}`), "TypeError: connect refused for ***"],
    [
      "its cause's message",
      (key: string) => new TypeError("fetch failed", { cause: new Error(`refused for ${key}`) }),
      "refused for ***",
    ],
  ])(
    "a custom fetch whose error names the key in %s: message and cause show *** instead",
    async (_where, make, shown) => {
      const server = await serve((_req, res) => res.writeHead(204).end());
      const client = clientOf(server, {
        maxRetries: 0,
        fetch: (request) => Promise.reject(make(request.headers.get("authorization")!)),
      });
      const error = await rejection(client.deleteUserApiKey(apiKeyId));
      expect(error).toBeInstanceOf(TrieveConnectionError);
      expect((error as Error).message).toBe(
        `DELETE ${server.url}${path}: cannot connect (${shown}); check baseUrl and the network`,
      );
      expectNoKeyIn(error);
      expect(server.received).toHaveLength(0);
    },
  );

  it("a redirect to another origin does not carry the key there; a same-origin one does", async () => {
    const other = await serve((_req, res) => res.writeHead(204).end());
    const server = await serve((req, res) =>
      res.writeHead(307, { location: req.n === 1 ? `${other.url}/elsewhere` : `/api/v2/same-origin` }).end(),
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
