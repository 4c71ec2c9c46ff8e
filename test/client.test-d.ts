import { describe, expectTypeOf, it } from "vitest";
import type { paths } from "../generated/trieve.js";
import { createTrieveClient, TrieveApiError, type TrieveClient } from "../src/index.js";

declare const client: TrieveClient;
const id = "3c90c3cc-0d44-4b50-8888-8dd25736052a";

describe("types", () => {
  it("deleteUserApiKey takes a string id and returns Promise<void>", () => {
    expectTypeOf(client.deleteUserApiKey).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(client.deleteUserApiKey(id)).toEqualTypeOf<Promise<void>>();
    // @ts-expect-error the id is required
    void client.deleteUserApiKey();
    // @ts-expect-error the id is a string, not a number
    void client.deleteUserApiKey(42);
  });

  it("the path and its parameters come from generated/", () => {
    type DeletePath = paths["/api/user/api_key/{api_key_id}"]["delete"];
    expectTypeOf<DeletePath["parameters"]["path"]>().toEqualTypeOf<{ api_key_id: string }>();
    expectTypeOf<DeletePath["responses"][400]["content"]["application/json"]>().toEqualTypeOf<{ message: string }>();
    // One of the spec's paths, not the only one: this test must hold for any spec `npm run spec:update` brings in.
    expectTypeOf<"/api/user/api_key/{api_key_id}">().toExtend<keyof paths>();
    expectTypeOf<"/api/user/api_keys/{api_key_id}">().not.toExtend<keyof paths>();
  });

  it("raw is openapi-fetch typed with every path: a wrong path or a missing id does not compile", () => {
    const raw = createTrieveClient({ apiKey: "tr-x" }).raw;
    void raw.DELETE("/api/user/api_key/{api_key_id}", { params: { path: { api_key_id: id } } });
    // @ts-expect-error a path the spec does not have
    void raw.DELETE("/api/user/api_keys/{api_key_id}", { params: { path: { api_key_id: id } } });
    // @ts-expect-error the spec has no GET on this path
    void raw.GET("/api/user/api_key/{api_key_id}", { params: { path: { api_key_id: id } } });
    // @ts-expect-error the path parameter is missing
    void raw.DELETE("/api/user/api_key/{api_key_id}", { params: { path: {} } });
    // @ts-expect-error the params are missing altogether
    void raw.DELETE("/api/user/api_key/{api_key_id}");
  });

  it("a 400 body is typed as the spec's ErrorResponseBody", async () => {
    const { error } = await createTrieveClient({ apiKey: "tr-x" }).raw.DELETE("/api/user/api_key/{api_key_id}", {
      params: { path: { api_key_id: id } },
    });
    expectTypeOf(error).toEqualTypeOf<{ message: string } | undefined>();
  });

  it("TrieveApiError exposes status, body, headers and requestId", () => {
    expectTypeOf<TrieveApiError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<TrieveApiError["headers"]>().toEqualTypeOf<Headers>();
    expectTypeOf<TrieveApiError["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<TrieveApiError["body"]>().toEqualTypeOf<unknown>();
  });
});
