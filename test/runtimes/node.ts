import { nodeBinary } from "./install.js";
import { runCliMain, type Runtime } from "./runtime.js";

/** The Node that runs the tests (the machine's; the project supports 20.19 and later). */
export const machineNode: Runtime = {
  name: `Node ${process.versions.node} (the machine's)`,
  run: (input, consumer) => runCliMain(process.execPath, [], input, consumer),
};

/** Node 22 and 24 from the npm registry's `node` package (install.ts). */
export const registryNode = (major: 22 | 24): Runtime => ({
  name: `Node ${major}`,
  run: async (input, consumer) => runCliMain(await nodeBinary(major), [], input, consumer),
});
