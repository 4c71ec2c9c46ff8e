import { describe, expectTypeOf, it } from "vitest";
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
  type RequestOptions,
  type TrieveApiErrorOptions,
  type TrieveClient,
  type TrieveClientOptions,
  type TrieveLogger,
} from "../src/index.js";

declare const client: TrieveClient;
const id = "3c90c3cc-0d44-4b50-8888-8dd25736052a";

describe("types of the retry, timeout and logging options", () => {
  it("the client takes maxRetries, timeoutMs and a logger; console is a logger", () => {
    expectTypeOf<TrieveClientOptions["maxRetries"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TrieveClientOptions["timeoutMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TrieveClientOptions["logger"]>().toEqualTypeOf<TrieveLogger | undefined>();
    createTrieveClient({ apiKey: "tr-x", maxRetries: 0, timeoutMs: 5000, logger: console });
    // @ts-expect-error maxRetries is a number
    createTrieveClient({ apiKey: "tr-x", maxRetries: "2" });
    // @ts-expect-error a logger needs debug, info, warn and error
    createTrieveClient({ apiKey: "tr-x", logger: { debug() {} } });
  });

  it("each call takes signal, maxRetries and timeoutMs", () => {
    expectTypeOf<RequestOptions>().toEqualTypeOf<{ signal?: AbortSignal; maxRetries?: number; timeoutMs?: number }>();
    void client.deleteUserApiKey(id, { signal: AbortSignal.timeout(1000), maxRetries: 5, timeoutMs: 100 });
    // @ts-expect-error timeoutMs is a number of milliseconds
    void client.deleteUserApiKey(id, { timeoutMs: "1s" });
    // @ts-expect-error no such option
    void client.deleteUserApiKey(id, { retries: 1 });
  });
});

describe("types of the error classes", () => {
  it("status subclasses are TrieveApiErrors; timeouts are connection errors; all are TrieveErrors", () => {
    for (const ErrorClass of [
      TrieveBadRequestError,
      TrieveAuthenticationError,
      TrievePermissionDeniedError,
      TrieveNotFoundError,
      TrieveRateLimitError,
      TrieveServerError,
    ]) {
      expectTypeOf<InstanceType<typeof ErrorClass>>().toExtend<TrieveApiError>();
    }
    expectTypeOf<TrieveTimeoutError>().toExtend<TrieveConnectionError>();
    expectTypeOf<TrieveConnectionError>().toExtend<TrieveError>();
    expectTypeOf<TrieveConnectionError>().not.toExtend<TrieveApiError>();
  });

  it("both families say how many attempts were made", () => {
    expectTypeOf<TrieveApiError["attempts"]>().toEqualTypeOf<number>();
    expectTypeOf<TrieveConnectionError["attempts"]>().toEqualTypeOf<number>();
    expectTypeOf<TrieveConnectionError["cause"]>().toEqualTypeOf<unknown>();
  });

  it("errors take a message and an options object, never positional fields", () => {
    expectTypeOf<ConstructorParameters<typeof TrieveApiError>>().toEqualTypeOf<[string, TrieveApiErrorOptions]>();
    expectTypeOf<TrieveApiErrorOptions>().toEqualTypeOf<{
      status: number;
      body?: unknown;
      headers: Headers;
      requestId?: string | undefined;
      attempts?: number;
    }>();
    expectTypeOf<ConstructorParameters<typeof TrieveConnectionError>>().toEqualTypeOf<
      [string, { attempts: number; cause?: unknown }]
    >();
    expectTypeOf<ConstructorParameters<typeof TrieveInputError>>().toEqualTypeOf<[string, { argument: string }]>();
    // @ts-expect-error the old positional form
    void new TrieveApiError(400, "Bad Request", undefined, new Headers(), undefined);
  });

  it("fields are read-only", () => {
    const error = new TrieveApiError("Bad Request", { status: 400, headers: new Headers() });
    // @ts-expect-error status is readonly
    error.status = 500;
    // @ts-expect-error attempts is readonly
    error.attempts = 3;
  });
});
