// Throwaway check of the speed budget: deleteUserApiKey vs a raw fetch of the same DELETE to one loopback server,
// interleaved in rounds of 25 calls each, 100 rounds (2,500 calls each); prints medians and their ratio.
// Run: node --import tsx bench/delete-vs-fetch.ts
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createTrieveClient } from "../src/index.js";

const server = createServer((req, res) => req.resume().on("end", () => res.writeHead(204).end()));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const apiKey = "tr-0123456789abcdefghijKLMNOPQRSTUV";
const id = "3c90c3cc-0d44-4b50-8888-8dd25736052a";
const url = `${baseUrl}/api/user/api_key/${id}`;
const client = createTrieveClient({ apiKey, baseUrl });

const variants: Record<string, () => Promise<unknown>> = {
  fetch: async () => {
    const response = await fetch(url, { method: "DELETE", headers: { Authorization: apiKey } });
    if (response.status !== 204) throw new Error(`${response.status}`);
  },
  deleteUserApiKey: () => client.deleteUserApiKey(id),
  raw: () => client.raw.DELETE("/api/user/api_key/{api_key_id}", { params: { path: { api_key_id: id } } }),
};
const perCall: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
const ratio: number[] = [];
for (let i = 0; i < 300; i++) for (const run of Object.values(variants)) await run();
for (let round = 0; round < 100; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const started = performance.now();
    for (let i = 0; i < 25; i++) await run();
    perCall[name]!.push(((performance.now() - started) / 25) * 1000);
  }
  ratio.push(perCall.deleteUserApiKey!.at(-1)! / perCall.fetch!.at(-1)!);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
for (const [name, values] of Object.entries(perCall)) {
  console.log(
    `${name.padEnd(17)} median ${median(values).toFixed(0)} µs  ×${(median(values) / median(perCall.fetch!)).toFixed(3)}`,
  );
}
console.log(`deleteUserApiKey / fetch, median of per-round ratios: ×${median(ratio).toFixed(3)}`);
server.close();
