import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilers, runTsc, type CompilerVersion, type TscResult } from "./helpers/compilers.js";
import { apiKey, apiKeyId } from "./helpers/fixtures.js";
import { startLocalServer, type LocalServer } from "./helpers/local-server.js";
import { projectRoot } from "./helpers/project-copy.js";

// One `npm pack` and one install, shared by every case: the package as a user gets it, in a project
// with none of our dev tools (no tsx, no vitest, no @types/node; the cases run TypeScript 5.9 and 7.0 from our node_modules by path).
// Offline: its dependencies are packed from our node_modules (what `npm ci` installed) and installed with
// `--offline` and an empty npm cache of its own, so neither the registry nor npm's cache is needed.
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** The folder of each package in the dependency tree of `name`, as installed in our node_modules. */
function installedTree(name: string, from = projectRoot, found = new Map<string, string>()): Map<string, string> {
  if (found.has(name)) return found;
  const folder = [path.join(from, "node_modules", name), path.join(projectRoot, "node_modules", name)].find((f) =>
    existsSync(path.join(f, "package.json")),
  );
  if (!folder) throw new Error(`${name} is not installed: run npm ci`);
  found.set(name, folder);
  const { dependencies = {} } = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  for (const dependency of Object.keys(dependencies)) installedTree(dependency, folder, found);
  return found;
}

/** `npm pack --json` of one or more folders into `dir` (one npm process); returns what it packed, in order. */
function pack(folders: string[], ...flags: string[]): Array<{ filename: string; files: Array<{ path: string }> }> {
  return JSON.parse(
    execFileSync(npm, ["pack", "--json", ...flags, "--pack-destination", dir, ...folders], {
      cwd: projectRoot,
      encoding: "utf8",
    }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
}

let dir: string;
let server: LocalServer;
let packed: string[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "trieve-consumer-"));
  // `npm pack` runs `prepack`, which builds dist/.
  const [info] = pack(["."]);
  packed = info!.files.map((f) => f.path);
  const { dependencies } = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const folders = new Set(Object.keys(dependencies).flatMap((name) => [...installedTree(name).values()]));
  const tarballs = [info!.filename, ...pack([...folders], "--ignore-scripts").map((dependency) => dependency.filename)];
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync(
    npm,
    [
      "install",
      "--offline",
      `--cache=${path.join(dir, ".npm-cache")}`,
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      ...tarballs.map((file) => `./${file}`),
    ],
    { cwd: dir, encoding: "utf8" },
  );
  server = await startLocalServer((_req, res) => res.writeHead(204).end());
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs a consumer script; async, because the server it calls runs in this process. */
async function node(file: string, source: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  writeFileSync(path.join(dir, file), source);
  const child = spawn(process.execPath, [file, server.url], { cwd: dir });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { status, stdout, stderr };
}

/**
 * A consumer project of its own per compiler and resolution, checked with `skipLibCheck: false` (so the
 * package's declarations are checked too). Each `@ts-expect-error` fails the check if the wrong call it
 * marks compiles: the package's types must not degrade to `any` under either compiler.
 */
function typecheckConsumer(version: CompilerVersion, resolution: "NodeNext" | "Bundler"): Promise<TscResult> {
  const project = path.join(dir, `ts-${version}-${resolution}`);
  mkdirSync(project, { recursive: true });
  writeFileSync(
    path.join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: resolution === "NodeNext" ? "NodeNext" : "ESNext",
        moduleResolution: resolution,
        lib: ["ES2022", "DOM"],
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      include: ["*.ts"],
    }),
  );
  writeFileSync(
    path.join(project, "consumer.ts"),
    `import createClient from "openapi-fetch";
     import { createTrieveClient, TrieveApiError, type TrieveClient } from "trieve-ts-client";
     import type { paths } from "trieve-ts-client/types";

     const trieve: TrieveClient = createTrieveClient({ apiKey: "tr-x" });
     export const done: Promise<void> = trieve.deleteUserApiKey("3c90c3cc-0d44-4b50-8888-8dd25736052a");
     // @ts-expect-error the id is a string: fails if the package's types degrade to any
     void trieve.deleteUserApiKey(42);
     // @ts-expect-error with exactOptionalPropertyTypes, an optional option does not take an explicit undefined
     void createTrieveClient({ apiKey: "tr-x", baseUrl: undefined });
     // A scoped client's type, from the package's declarations (the committed spec declares no scoped header).
     export const scoped: TrieveClient<"TR-Dataset"> = createTrieveClient({ apiKey: "tr-x", datasetId: "d" });
     // @ts-expect-error an unknown option is an error, generic signature or not
     void createTrieveClient({ apiKey: "tr-x", datasetID: "d" });
     export const isApiError = (e: unknown): number | undefined => (e instanceof TrieveApiError ? e.status : undefined);

     // The ./types subpath types the user's own openapi-fetch calls.
     const raw = createClient<paths>({ baseUrl: "https://api.trieve.ai" });
     export const call = raw.DELETE("/api/user/api_key/{api_key_id}", { params: { path: { api_key_id: "x" } } });
     // @ts-expect-error no such path in the spec
     void raw.GET("/api/not-a-path");
     // @ts-expect-error the path parameter is required
     void raw.DELETE("/api/user/api_key/{api_key_id}", { params: { path: {} } });`,
  );
  return runTsc(version, ["-p", project, "--pretty", "false"], project);
}

describe("the packed package, installed in a project of its own", () => {
  // The exact list, and the size, are checked in test/package-tarball.test.ts.
  it("ships dist/ with JavaScript and declarations, and no tests or scripts", () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        "package.json",
        "dist/src/index.js",
        "dist/src/index.d.ts",
        "dist/generated/trieve.d.ts",
      ]),
    );
    expect(packed.filter((f) => /^(test|scripts|spec|bench|examples)\//.test(f))).toEqual([]);
  });

  it("an ESM import deletes a key against a local server", async () => {
    server.received.length = 0;
    const result = await node(
      "esm.mjs",
      `import { createTrieveClient, TrieveError } from "trieve-ts-client";
       const client = createTrieveClient({ apiKey: ${JSON.stringify(apiKey)}, baseUrl: process.argv[2] });
       await client.deleteUserApiKey(${JSON.stringify(apiKeyId)});
       console.log("deleted", typeof TrieveError);`,
    );
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("deleted function");
    expect(server.received.map((r) => `${r.method} ${r.url} ${r.headers.authorization}`)).toEqual([
      `DELETE /api/user/api_key/${apiKeyId} ${apiKey}`,
    ]);
  });

  it("require() works on Node 20.19+ (require of an ES module)", async () => {
    server.received.length = 0;
    const result = await node(
      "cjs.cjs",
      `const { createTrieveClient, TrieveInputError } = require("trieve-ts-client");
       const client = createTrieveClient({ apiKey: ${JSON.stringify(apiKey)}, baseUrl: process.argv[2] });
       client.deleteUserApiKey(${JSON.stringify(apiKeyId)}).then(() => console.log("deleted", typeof TrieveInputError));`,
    );
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe("deleted function");
    expect(server.received).toHaveLength(1);
  });

  // Each compiler with each module resolution, all four at once (they are child processes: both cores work).
  const cases = (Object.keys(compilers) as CompilerVersion[]).flatMap((version) =>
    (["NodeNext", "Bundler"] as const).map((resolution) => ({ version, resolution })),
  );
  let checks: Map<string, Promise<TscResult>>;
  beforeAll(() => {
    checks = new Map(cases.map((c) => [`${c.version} ${c.resolution}`, typecheckConsumer(c.version, c.resolution)]));
  });

  it.each(cases)(
    "a TypeScript $version consumer typechecks with moduleResolution $resolution, strict and exactOptionalPropertyTypes",
    async ({ version, resolution }) => {
      const result = await checks.get(`${version} ${resolution}`)!;
      expect(result.output).toBe("");
      expect(result.code).toBe(0);
    },
    // TypeScript 5.9 checks the DOM lib too (skipLibCheck: false), about 5 s of CPU: in the full suite, on two busy
    // cores, its wait can outlast the default 30 s (a deadline for an answer that must come, not a speed measure).
    120_000,
  );
});
