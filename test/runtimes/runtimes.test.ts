import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, it } from "vitest";
import { bun } from "./bun.js";
import { chromium } from "./chromium.js";
import { makeConsumer } from "./consumer.js";
import { deno } from "./deno.js";
import { installRuntimes } from "./install.js";
import { machineNode, registryNode } from "./node.js";
import type { Runtime } from "./runtime.js";
import { deletesSeen, expectedDeletes, expectedOutcome, startScenarioServer } from "./scenario-server.js";
import { workerd } from "./workerd.js";

// Every runtime docs/runtimes.md names runs the same scenario.mjs on the built package (`npm run build`, installed
// in a consumer project and imported by its name: consumer.ts), each against a node:http server of its own
// on 127.0.0.1. They run side by side: most of the time is spent starting each runtime. The runtimes
// themselves are installed on the first run, into test/runtimes/node_modules (install.ts), and reused.
const runtimes: Runtime[] = [machineNode, registryNode(22), registryNode(24), bun, deno, workerd, chromium];

let consumer: string;
beforeAll(async () => {
  [consumer] = await Promise.all([makeConsumer(), installRuntimes()]);
}, 240_000); // the first run installs the runtimes: about 450 MB from npm's cache
afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe.concurrent("the built package on each runtime docs/runtimes.md names", () => {
  it.for(runtimes)(
    "$name: a 204 resolves undefined, a 400 is a TrieveBadRequestError with the server's message, the raw key is sent",
    { timeout: 60_000 },
    async (runtime, { expect }) => {
      const { server, input } = await startScenarioServer();
      try {
        expect(await runtime.run(input, consumer)).toEqual(expectedOutcome);
        expect(deletesSeen(server)).toEqual(expectedDeletes);
        if (runtime.crossOrigin) expect(server.received[0]?.method).toBe("OPTIONS"); // the preflight happened
      } finally {
        await server.close();
      }
    },
  );
});
