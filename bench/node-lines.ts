import path from "node:path";
import { nodeBinary } from "../test/runtimes/install.js";

/**
 * A Node release line the pipeline is measured on. `env` is a user's shell (shellEnv) with this line's bin
 * folder first on PATH, which makes it the `node` of everything started with it: npm itself (its bin starts
 * with `#!/usr/bin/env node`), the scripts npm runs (`node scripts/launch.mjs …`) and the tools' CLIs of the
 * naive chain. So ours and the naive chain always run on the same Node, in the same round.
 */
export interface NodeLine {
  /** "Node 24" */
  name: string;
  /** the node binary */
  node: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The environment of the shell `npm run bench` was started from: without what that npm added for its script
 * (the `npm_*` variables, INIT_CWD, NODE, COLOR, and the node_modules/.bin and node-gyp folders on PATH), so that
 * each `npm run -s …` it times starts as a user's does in a terminal.
 */
function shellEnv(): NodeJS.ProcessEnv {
  const added = new Set(["INIT_CWD", "NODE", "COLOR"]);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && !added.has(name)),
  );
  const PATH = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => !/node_modules[\\/]\.bin$|[\\/]node-gyp-bin$/.test(dir));
  return { ...env, PATH: PATH.join(path.delimiter) };
}

function line(major: string, node: string): NodeLine {
  const env = shellEnv();
  const PATH = [path.dirname(node), env.PATH].filter(Boolean).join(path.delimiter);
  return { name: `Node ${major}`, node, env: { ...env, PATH, NO_COLOR: "1" } };
}

/** The machine's Node, which runs the benchmark (20 in this project's CI). */
export const machineNode = (): NodeLine => line(process.versions.node.split(".")[0]!, process.execPath);

/**
 * Node 24 (the active LTS, what the docs quote), the pinned binary of test/runtimes (installed there on
 * first use, about 45 s, then reused); never the `node` of the project's npm scripts.
 */
export const node24 = async (): Promise<NodeLine> => line("24", await nodeBinary(24));
