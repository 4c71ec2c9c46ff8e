import createClient from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import type { paths } from "../generated/trieve.js";
import {
  createTrieveClient,
  TrieveApiError,
  type ScopedHeader,
  type TrieveClient,
  type TrieveClientOptions,
  type WithScopedHeaders,
} from "../src/index.js";

declare const client: TrieveClient;
declare const options: TrieveClientOptions;
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

/** A path as openapi-typescript writes it, with the shapes Trieve 0.13.0's search and delete have. */
interface ScopedPathsFixture {
  "/api/chunk/search": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get?: never;
    post: {
      parameters: {
        query?: never;
        header: { "TR-Dataset": string; "X-API-Version"?: "V1" | "V2" };
        path?: never;
        cookie?: never;
      };
      requestBody: { content: { "application/json": { query: string } } };
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { score: number } } } };
    };
    /** an operation with another required header: `params` stays required */
    put: {
      parameters: {
        query?: never;
        header: { "TR-Dataset": string; "X-Other": string };
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: { 204: { headers: { [name: string]: unknown }; content?: never } };
    };
  };
}

describe("types of a scoped client (datasetId, organizationId)", () => {
  it("createTrieveClient's type says which headers the client fills in", () => {
    expectTypeOf(createTrieveClient({ apiKey: "tr-x", datasetId: "d" })).toEqualTypeOf<TrieveClient<"TR-Dataset">>();
    expectTypeOf(createTrieveClient({ organizationId: "o" })).toEqualTypeOf<TrieveClient<"TR-Organization">>();
    expectTypeOf(createTrieveClient({ datasetId: "d", organizationId: "o" })).toEqualTypeOf<
      TrieveClient<ScopedHeader>
    >();
    expectTypeOf(createTrieveClient({ apiKey: "tr-x" })).toEqualTypeOf<TrieveClient>();
    expectTypeOf(createTrieveClient()).toEqualTypeOf<TrieveClient>();
    // Options whose ids may be absent fill in nothing.
    expectTypeOf(createTrieveClient(options)).toEqualTypeOf<TrieveClient>();
    // @ts-expect-error an unknown option (a typo) is an error, as without the generic
    void createTrieveClient({ apiKey: "tr-x", datasetID: "d" });
    // @ts-expect-error an id is a string
    void createTrieveClient({ apiKey: "tr-x", datasetId: 42 });
    // Callbacks of the options are still typed from TrieveClientOptions (no implicit any under strict).
    void createTrieveClient({ datasetId: "d", fetch: (request) => fetch(request.url) });
  });

  it("on the committed spec, whose one operation declares neither header, raw is unchanged", () => {
    const raw = createTrieveClient({ apiKey: "tr-x", datasetId: "d", organizationId: "o" }).raw;
    void raw.DELETE("/api/user/api_key/{api_key_id}", { params: { path: { api_key_id: id } } });
    // @ts-expect-error the path parameter is still required
    void raw.DELETE("/api/user/api_key/{api_key_id}");
  });

  it("WithScopedHeaders makes the header optional where an operation declares it, and nothing else", () => {
    type Scoped = WithScopedHeaders<ScopedPathsFixture, "TR-Dataset">;
    expectTypeOf<WithScopedHeaders<ScopedPathsFixture, never>>().toEqualTypeOf<ScopedPathsFixture>();
    expectTypeOf<WithScopedHeaders<ScopedPathsFixture, "TR-Organization">>().toEqualTypeOf<ScopedPathsFixture>();
    type Header = NonNullable<Scoped["/api/chunk/search"]["post"]["parameters"]["header"]>;
    expectTypeOf<{}>().toExtend<Header>(); // nothing in it is required
    expectTypeOf<Header["TR-Dataset"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Header["X-API-Version"]>().toEqualTypeOf<"V1" | "V2" | undefined>();
    expectTypeOf<Scoped["/api/chunk/search"]["post"]["responses"]>().toEqualTypeOf<
      ScopedPathsFixture["/api/chunk/search"]["post"]["responses"]
    >();

    const scoped = createClient<Scoped>();
    const plain = createClient<ScopedPathsFixture>();
    void scoped.POST("/api/chunk/search", { body: { query: "hello" } });
    void scoped.POST("/api/chunk/search", { params: { header: { "TR-Dataset": "other" } }, body: { query: "hello" } });
    // @ts-expect-error the body is still required
    void scoped.POST("/api/chunk/search", {});
    // @ts-expect-error TR-Dataset is required without the scope
    void plain.POST("/api/chunk/search", { body: { query: "hello" } });
    // @ts-expect-error X-Other is required: params stays required
    void scoped.PUT("/api/chunk/search");
    void scoped.PUT("/api/chunk/search", { params: { header: { "X-Other": "x" } } });
    // The response types are the operation's.
    expectTypeOf(scoped.POST("/api/chunk/search", { body: { query: "x" } })).resolves.toHaveProperty("data");
  });
});
