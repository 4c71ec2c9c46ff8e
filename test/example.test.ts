import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { apiKey, apiKeyId } from "./helpers/fixtures.js";
import { json, startLocalServer, type LocalServer } from "./helpers/local-server.js";
import { projectRoot } from "./helpers/project-copy.js";

/** `npm run example -- …`, as its script runs it; async, because the server may run in this process. */
async function example(args: string[], env: Record<string, string | undefined>) {
  const { TRIEVE_API_KEY: _key, TRIEVE_BASE_URL: _url, ...rest } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "examples/delete-api-key.ts", ...args], {
    cwd: projectRoot,
    env: { ...rest, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr };
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("npm run example -- <api_key_id>", () => {
  it("with TRIEVE_API_KEY and TRIEVE_BASE_URL, deletes the key on that server and never prints the key", async () => {
    server = await startLocalServer((_req, res) => res.writeHead(204).end());
    const result = await example([apiKeyId], { TRIEVE_API_KEY: apiKey, TRIEVE_BASE_URL: server.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Using ${server.url} with the key from TRIEVE_API_KEY (tr-…)`);
    expect(result.stdout).toContain(`DELETE ${server.url}/api/user/api_key/${apiKeyId} → 204: deleted`);
    expect(result.stdout + result.stderr).not.toContain(apiKey);
    expect(server.received.map((r) => `${r.method} ${r.url} ${r.headers.authorization}`)).toEqual([
      `DELETE /api/user/api_key/${apiKeyId} ${apiKey}`,
    ]);
  });

  it("reports the server's error and exits 1", async () => {
    server = await startLocalServer((_req, res) => json(res, 401, { message: "Unauthorized" }));
    const result = await example([apiKeyId], { TRIEVE_API_KEY: apiKey, TRIEVE_BASE_URL: server.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Trieve answered 401: Unauthorized");
  });

  it("with neither variable, runs against a Prism mock of the spec on 127.0.0.1 and says so", async () => {
    const result = await example([apiKeyId], {});
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/TRIEVE_API_KEY is not set: starting a local Prism mock of spec\/trieve\.yaml/);
    expect(result.stdout).toMatch(
      new RegExp(`DELETE http://127\\.0\\.0\\.1:\\d+/api/user/api_key/${apiKeyId} → 204: deleted`),
    );
  }, 60_000);

  it("without an id, prints the usage and exits 2", async () => {
    const result = await example([], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^usage: npm run example -- <api_key_id>/);
  });
});
