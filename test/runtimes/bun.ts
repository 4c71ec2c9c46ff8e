import { runtimeBin } from "./install.js";
import { runCliMain, type Runtime } from "./runtime.js";

/** Bun from the npm package `bun` (install.ts). */
export const bun: Runtime = {
  name: "Bun",
  run: async (input, consumer) => runCliMain(await runtimeBin("bun"), [], input, consumer),
};
