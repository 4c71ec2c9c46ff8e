import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import module, { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);

function version(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    try {
      return (JSON.parse(readFileSync(path.join(dir, name, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      // not in this node_modules
    }
  }
  return "?";
}

/** What the figures were measured on: they mean little without it. */
export function machine(): string[] {
  const cpus = os.cpus();
  const npm = execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["--version"], { encoding: "utf8" });
  const tools = [
    "typescript",
    "openapi-typescript",
    "prettier",
    "oxfmt",
    "redocly-openapi-core",
    "@redocly/cli",
    "openapi-fetch",
    "esbuild",
  ];
  // TypeScript 7, installed for tools/tsc7 (its `tsc` as the project's `tsc7`), beside 5.9 above.
  const tsc7 = createRequire(require.resolve("tsc7"));
  const typescript7 = (JSON.parse(readFileSync(tsc7.resolve("typescript/package.json"), "utf8")) as { version: string })
    .version;
  return [
    `${cpus.length} × ${cpus[0]?.model.trim() ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()} (${os.arch()}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} at start`,
    `Node ${process.version} (compile cache ${"enableCompileCache" in module ? "on" : "unavailable"}), npm ${npm.trim()}, ${tools.map((t) => `${t} ${version(t)}`).join(", ")}, typescript (tsc7) ${typescript7}`,
  ];
}
