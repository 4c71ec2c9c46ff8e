import { inspect } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrieveClient, TrieveApiError, type TrieveLogger } from "../../src/index.js";
import { expectNoKeyIn } from "../helpers/expect-no-key.js";
import { apiKeyId } from "../helpers/fixtures.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { fuzz } from "./fuzz-settings.js";

/**
 * Redaction (src/redact.ts) for any key and any error body that echoes it: a real local server answers each call
 * with a body built from the key it received, and neither the thrown error (its message, fields and cause, as
 * String, JSON and util.inspect show them) nor any log line may hold the key, bare or JSON-escaped.
 */

const alnum = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
/** Keys of the shape Trieve issues, and (less often) any printable ASCII after `tr-`, which the client accepts. */
const key = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: alnum, minLength: 32, maxLength: 32 }).map((s) => `tr-${s}`) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: "binary-ascii", minLength: 8, maxLength: 40 })
      .map((s) => `tr-${s.replace(/[^\x20-\x7e]/g, "")}`),
  },
);
const text = fc.string({ maxLength: 24 });

type Echo = (key: string) => { type: string; body: string };
/** Ways a server may echo the key in an error body. */
const echo: fc.Arbitrary<Echo> = fc.oneof(
  fc.tuple(text, text).map(([a, b]): Echo => (k) => ({
    type: "application/json",
    body: JSON.stringify({ message: `${a}${k}${b}` }),
  })),
  fc.tuple(text, text).map(([a, b]): Echo => (k) => ({
    type: "application/json",
    body: JSON.stringify({ message: a, error: { detail: [b, k, { authorization: k }] } }),
  })),
  fc.tuple(text, text).map(([a, b]): Echo => (k) => ({ type: "text/plain", body: `${a}${k}${b}${k}` })),
  fc.tuple(text, text).map(([a, b]): Echo => (k) => ({
    type: "text/html",
    body: `<html><p>${a}</p><pre>Authorization: ${k}</pre>${b}</html>`,
  })),
  // The key JSON-escaped inside a body that is not JSON at all.
  text.map((a): Echo => (k) => ({ type: "text/plain", body: `${a}${JSON.stringify(k)}` })),
);
const status = fc.constantFrom(400, 401, 403, 404, 409, 422, 429, 500, 502, 503);

let server: LocalServer;
let answer: Echo = () => ({ type: "text/plain", body: "" });
let answerStatus = 500;
beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const { type, body } = answer(String(req.headers.authorization));
    res.writeHead(answerStatus, {
      "content-type": type,
      "content-length": Buffer.byteLength(body),
      // A retry at once (src/retry.ts honours it), so that runs with a retry cost no back-off.
      "retry-after-ms": "0",
    });
    res.end(body);
  });
});
afterAll(() => server.close());

describe("redaction, for any key and any error body that echoes it (fast-check)", () => {
  it("no error message, error field, log line or util.inspect output holds the key", async () => {
    await fc.assert(
      fc.asyncProperty(key, echo, status, fc.integer({ min: 0, max: 1 }), async (k, reply, code, maxRetries) => {
        answer = reply;
        answerStatus = code;
        const lines: unknown[][] = [];
        const record =
          (level: string) =>
          (...args: unknown[]) =>
            lines.push([level, ...args]);
        const logger: TrieveLogger = {
          debug: record("debug"),
          info: record("info"),
          warn: record("warn"),
          error: record("error"),
        };
        const client = createTrieveClient({ apiKey: k, baseUrl: server.url, logger, maxRetries });
        const before = server.received.length;
        // maxRetries 1 on a 409, 429 or 5xx: the retry's warning is a log line to check too.
        const error = await client.deleteUserApiKey(apiKeyId, { timeoutMs: 5_000 }).catch((e: unknown) => e);
        // The key did reach the server, and came back in the body: the test exercised the echo.
        expect(server.received[before]!.headers.authorization).toBe(k);
        expect(error).toBeInstanceOf(TrieveApiError);
        expect((error as TrieveApiError).status).toBe(code);
        expectNoKeyIn(error, k);
        expectNoKeyIn(lines, k);
        for (const line of lines) expect(inspect(line, { depth: 10, showHidden: true })).not.toContain(k);
      }),
      fuzz(40),
    );
  }, 60_000);
});
