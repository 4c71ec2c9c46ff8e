// Run by concurrency.test.ts in a child process: `node --import tsx many-deletes.ts <baseUrl> <count>`.
// Sends <count> concurrent deletes with the default options (timeoutMs 60 s), prints how many succeeded, and then
// must exit by itself: a timer or a socket the client left behind would keep it alive.
import { createTrieveClient } from "../../src/index.js";
import { apiKey, apiKeyId } from "./fixtures.js";

const [baseUrl, count] = process.argv.slice(2);
const client = createTrieveClient({ apiKey, baseUrl });
const results = await Promise.allSettled(
  Array.from({ length: Number(count) }, () => client.deleteUserApiKey(apiKeyId)),
);
const failed = results.filter((result) => result.status === "rejected");
console.log(
  JSON.stringify({ ok: results.length - failed.length, failed: failed.slice(0, 3).map((f) => String(f.reason)) }),
);
