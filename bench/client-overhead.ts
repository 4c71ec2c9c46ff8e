import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import createClient from "openapi-fetch";
import type { paths } from "../generated/trieve.js";
import { createTrieveClient } from "../src/index.js";
import { median } from "./stats.js";

const apiKey = "tr-bench0000000000000000000000000000";
const apiKeyId = "3c90c3cc-0d44-4b50-8888-8dd25736052a";

export interface ClientOverhead {
  /** `client.deleteUserApiKey(id)`: the median call, in ms */
  ours: number;
  /** the baseline: a plain openapi-fetch `client.DELETE` of the same path */
  openapiFetch: number;
  /** the floor: `fetch` of the same request, no wrapper at all */
  raw: number;
}

type Name = keyof ClientOverhead;
/** Every order of the three, so that none always runs first or after the same one. */
const orders: Name[][] = [
  ["ours", "openapiFetch", "raw"],
  ["openapiFetch", "raw", "ours"],
  ["raw", "ours", "openapiFetch"],
  ["ours", "raw", "openapiFetch"],
  ["raw", "openapiFetch", "ours"],
  ["openapiFetch", "ours", "raw"],
];

/**
 * Target (d): `deleteUserApiKey` against a plain openapi-fetch `DELETE` of the same path, with the same
 * Authorization header, to one local server answering 204: the cost of our retries, timeouts and errors over the
 * library we wrap. Raw `fetch` of the same request is measured too, as the floor. Batches of each run in turn,
 * every order of the three in rotation, so that all see the same machine; the median of each call's time.
 * The server is a bare node:http one rather than test/helpers/local-server.ts: recording every request would add
 * the same server work to all three and flatten the ratios.
 */
export async function clientOverhead(batches: number, batchSize: number): Promise<ClientOverhead> {
  const server = createServer((_req, res) => res.writeHead(204).end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${baseUrl}/api/user/api_key/${apiKeyId}`;
  const client = createTrieveClient({ apiKey, baseUrl });
  const openapiFetch = createClient<paths>({ baseUrl, headers: { Authorization: apiKey } });

  // Each checks its answer, as ours does, so that none is measured doing less.
  const calls: Record<Name, () => Promise<void>> = {
    ours: () => client.deleteUserApiKey(apiKeyId),
    openapiFetch: async () => {
      const { response } = await openapiFetch.DELETE("/api/user/api_key/{api_key_id}", {
        params: { path: { api_key_id: apiKeyId } },
      });
      if (response.status !== 204) throw new Error(`status ${response.status}`);
    },
    raw: async () => {
      const response = await fetch(url, { method: "DELETE", headers: { Authorization: apiKey } });
      if (response.status !== 204) throw new Error(`status ${response.status}`);
    },
  };
  const times: Record<Name, number[]> = { ours: [], openapiFetch: [], raw: [] };
  const batch = async (name: Name, record: boolean) => {
    const call = calls[name];
    for (let i = 0; i < batchSize; i++) {
      const start = performance.now();
      await call();
      if (record) times[name].push(performance.now() - start);
    }
  };
  try {
    // Warm-up: connections, JIT.
    for (const name of orders[0]!) await batch(name, false);
    for (let b = 0; b < batches; b++) for (const name of orders[b % orders.length]!) await batch(name, true);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return { ours: median(times.ours), openapiFetch: median(times.openapiFetch), raw: median(times.raw) };
}
