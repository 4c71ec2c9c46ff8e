import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createTrieveClient } from "../src/index.js";
import { apiKey, apiKeyId } from "./helpers/fixtures.js";
import { startLocalServer, type LocalServer } from "./helpers/local-server.js";

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("many calls at once", () => {
  it("1,000 concurrent deletes against one local server all succeed", async () => {
    server = await startLocalServer((_req, res) => res.writeHead(204).end());
    const client = createTrieveClient({ apiKey, baseUrl: server.url });
    await Promise.all(Array.from({ length: 1000 }, () => client.deleteUserApiKey(apiKeyId)));
    expect(server.received).toHaveLength(1000);
    expect(new Set(server.received.map((r) => `${r.method} ${r.url} ${r.headers.authorization}`))).toEqual(
      new Set([`DELETE /api/user/api_key/${apiKeyId} ${apiKey}`]),
    );
  });

  // The default timeoutMs is 60 s: a timer left behind would hold the child for a minute, so the watchdog below
  // (45 s, far more than the work takes even on a loaded machine) kills it well before. The proof is the exit
  // code: a killed child has none.
  it(
    "a process that sent 1,000 concurrent deletes exits by itself: no timer or handle is left open",
    { timeout: 60_000 },
    async () => {
      server = await startLocalServer((_req, res) => res.writeHead(204).end());
      const script = fileURLToPath(new URL("./helpers/many-deletes.ts", import.meta.url));
      const child = spawn(process.execPath, ["--import", "tsx", script, server.url, "1000"], { stdio: "pipe" });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk));
      const watchdog = setTimeout(() => child.kill("SIGKILL"), 45_000);
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.once("exit", (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
      );
      clearTimeout(watchdog);
      expect(output.trim()).toBe(JSON.stringify({ ok: 1000, failed: [] }));
      expect(signal).toBeNull();
      expect(code).toBe(0);
      expect(server.received).toHaveLength(1000);
    },
  );
});
