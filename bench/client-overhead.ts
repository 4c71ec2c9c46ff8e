import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createTrieveClient } from "../src/index.js";
import { median } from "./stats.js";

const apiKey = "tr-bench0000000000000000000000000000";
const apiKeyId = "3c90c3cc-0d44-4b50-8888-8dd25736052a";

/**
 * Target (d): one `deleteUserApiKey` against one raw `fetch` of the same request (same method, URL
 * and Authorization header), to one local server answering 204, in alternating batches so that
 * both see the same machine; the median of each call's time.
 */
export async function clientOverhead(batches: number, batchSize: number): Promise<{ ours: number; raw: number }> {
  const server = createServer((_req, res) => res.writeHead(204).end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${baseUrl}/api/user/api_key/${apiKeyId}`;
  const client = createTrieveClient({ apiKey, baseUrl });

  const raw = async () => {
    const response = await fetch(url, { method: "DELETE", headers: { Authorization: apiKey } });
    if (!response.ok) throw new Error(`status ${response.status}`);
  };
  const ours = () => client.deleteUserApiKey(apiKeyId);
  const times = { raw: [] as number[], ours: [] as number[] };
  const batch = async (name: "raw" | "ours", record: boolean) => {
    const call = name === "raw" ? raw : ours;
    for (let i = 0; i < batchSize; i++) {
      const start = performance.now();
      await call();
      if (record) times[name].push(performance.now() - start);
    }
  };
  try {
    // Warm-up: connections, JIT.
    await batch("raw", false);
    await batch("ours", false);
    for (let b = 0; b < batches; b++) {
      // Alternate which goes first, so that neither always follows the other.
      const order: Array<"raw" | "ours"> = b % 2 ? ["ours", "raw"] : ["raw", "ours"];
      for (const name of order) await batch(name, true);
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return { ours: median(times.ours), raw: median(times.raw) };
}
