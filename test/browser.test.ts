import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKey, apiKeyId } from "./helpers/fixtures.js";
import { json, startLocalServer, type LocalServer } from "./helpers/local-server.js";
import { projectRoot } from "./helpers/project-copy.js";

// Real headless Chromium (Debian's, installed by .ci/run), driving the client bundled for the browser
// against an API on another origin: the page proves src/ needs no Node API at run time, and the
// cross-origin DELETE with an Authorization header proves it works through a CORS preflight.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let page: LocalServer;
let api: LocalServer;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [path.join(projectRoot, "src/index.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser", // a node: import in src/ would fail this build
    target: "es2022",
    logLevel: "silent",
  });
  const clientJs = bundle.outputFiles[0]!.text;
  page = await startLocalServer((req, res) => {
    if (req.url === "/client.js") res.writeHead(200, { "content-type": "text/javascript" }).end(clientJs);
    else
      res.writeHead(200, { "content-type": "text/html" }).end(
        `<!doctype html><title>trieve-ts-client</title>
           <script type="module">import * as trieve from "/client.js"; window.trieve = trieve;</script>`,
      );
  });
  api = await startLocalServer((req, res) => {
    const cors = { "access-control-allow-origin": page.url };
    if (req.method === "OPTIONS") {
      res
        .writeHead(204, {
          ...cors,
          "access-control-allow-methods": "DELETE",
          "access-control-allow-headers": "authorization, content-type",
        })
        .end();
    } else if (req.url.endsWith(apiKeyId)) res.writeHead(204, cors).end();
    else
      json(
        res,
        400,
        { message: "Failed to delete api key" },
        { ...cors, "access-control-expose-headers": "x-request-id", "x-request-id": "req-7" },
      );
  });
  profile = mkdtempSync(path.join(tmpdir(), "trieve-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await page?.close();
  await api?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe("in headless Chromium", () => {
  it("the bundled client deletes a key cross-origin, and a 400 becomes a TrieveApiError", async () => {
    const tab = await context.newPage();
    await tab.goto(page.url);
    await tab.waitForFunction(() => "trieve" in window);
    const outcome = await tab.evaluate(
      async ({ apiUrl, key, id }) => {
        // Loaded by the page's module script; typed loosely here, the types are tested elsewhere.
        const { createTrieveClient, TrieveApiError } = (
          window as unknown as { trieve: typeof import("../src/index.js") }
        ).trieve;
        const client = createTrieveClient({ apiKey: key, baseUrl: apiUrl });
        const deleted = await client.deleteUserApiKey(id);
        const error = await client.deleteUserApiKey("3c90c3cc-0d44-4b50-8888-000000000000").catch((e: unknown) => e);
        return {
          deleted: deleted === undefined,
          isApiError: error instanceof TrieveApiError,
          status: (error as { status?: number }).status,
          message: (error as Error).message,
          requestId: (error as { requestId?: string }).requestId,
          hasProcess: typeof (globalThis as { process?: unknown }).process !== "undefined",
        };
      },
      { apiUrl: api.url, key: apiKey, id: apiKeyId },
    );
    expect(outcome).toEqual({
      deleted: true,
      isApiError: true,
      status: 400,
      message: "Failed to delete api key",
      requestId: "req-7",
      hasProcess: false,
    });
    const deletes = api.received.filter((r) => r.method === "DELETE");
    expect(deletes[0]?.url).toBe(`/api/user/api_key/${apiKeyId}`);
    expect(deletes[0]?.headers.authorization).toBe(apiKey);
    expect(api.received.some((r) => r.method === "OPTIONS")).toBe(true); // the preflight happened
  }, 60_000);
});
