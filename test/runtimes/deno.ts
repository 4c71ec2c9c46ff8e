import { runtimeBin } from "./install.js";
import { runCliMain, type Runtime } from "./runtime.js";

/**
 * Deno from the npm package `deno` (install.ts), with no permission but the network to 127.0.0.1:
 * the client must not touch the environment or files when given `apiKey` (Deno would refuse).
 */
export const deno: Runtime = {
  name: "Deno",
  run: async (input, consumer) =>
    runCliMain(await runtimeBin("deno"), ["run", "--allow-net=127.0.0.1"], input, consumer, {
      DENO_NO_UPDATE_CHECK: "1",
    }),
};
