import { projectBin, runCliMain, type Runtime } from "./runtime.js";

/** Bun from the npm package `bun` (a devDependency). */
export const bun: Runtime = {
  name: "Bun",
  run: (input, consumer) => runCliMain(projectBin("bun"), [], input, consumer),
};
