import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrieveClient, TrieveInputError } from "../../src/index.js";
import { apiKey } from "../helpers/fixtures.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { fuzz } from "./fuzz-settings.js";

/**
 * The input check of `deleteUserApiKey` (src/validate.ts) for any string as `api_key_id`: either it is refused
 * with a TrieveInputError before any request is sent, or the request goes out with the id percent-encoded as one
 * path segment, which is what a real local server received. No id may reach another path, a query or a fragment.
 */

const prefix = "/api/user/api_key/";
const hex = fc.constantFrom(..."0123456789abcdefABCDEF");
/** Near-UUIDs: a UUID with one character inserted, replaced or removed, among them the URL's own delimiters. */
const nearUuid = fc
  .tuple(fc.uuid(), fc.nat(36), fc.constantFrom("/", "?", "#", "%2F", "..", " ", "\n", "é", "", "g", "-"))
  .map(([uuid, at, text]) => `${uuid.slice(0, at)}${text}${uuid.slice(at + (text === "" ? 1 : 0))}`);
const id = fc.oneof(
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid(),
  fc.string({ unit: hex, minLength: 32, maxLength: 36 }),
  nearUuid,
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("", ".", "..", "../../admin", "%2e%2e", "a/b", "?x=1", "#top"),
);

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer((_req, res) => res.writeHead(204).end());
});
afterAll(() => server.close());

describe("api_key_id, for any string (fast-check)", () => {
  it("is refused before any request, or sent percent-encoded as one path segment", async () => {
    const client = createTrieveClient({ apiKey, baseUrl: server.url, maxRetries: 0 });
    const outcomes = { refused: 0, sent: 0 };
    await fc.assert(
      fc.asyncProperty(id, async (apiKeyId) => {
        const before = server.received.length;
        const error = await client.deleteUserApiKey(apiKeyId).then(
          () => undefined,
          (e: unknown) => e,
        );
        const received = server.received.slice(before);
        if (error !== undefined) {
          expect(error).toBeInstanceOf(TrieveInputError);
          expect((error as TrieveInputError).argument).toBe("apiKeyId");
          expect(received).toEqual([]);
          outcomes.refused++;
          return;
        }
        expect(received.map((r) => [r.method, r.url])).toEqual([["DELETE", prefix + encodeURIComponent(apiKeyId)]]);
        const segment = received[0]!.url.slice(prefix.length);
        expect(segment).not.toMatch(/[/?#]/);
        expect(decodeURIComponent(segment)).toBe(apiKeyId);
        outcomes.sent++;
      }),
      fuzz(200),
    );
    // Both outcomes were exercised, so neither branch above passed for lack of cases.
    expect(outcomes.refused).toBeGreaterThan(20);
    expect(outcomes.sent).toBeGreaterThan(20);
  }, 60_000);
});
