import { execFileSync } from "node:child_process";
import path from "node:path";
import { writeConsumerProject } from "../test/helpers/consumer-project.js";
import { checkConsumer } from "./consumer-check.js";
import { benchProject } from "./pipeline.js";
import { median } from "./stats.js";

/** What both consumers call: the same three operations of Trieve 0.13.0, and one wrong path. */
const calls = (header: string) => `const body = { query: "hello", search_type: "semantic" } as const;
export const search = trieve.raw.POST("/api/chunk/search", { ${header}body });
export const chunk = trieve.raw.GET("/api/chunk/{chunk_id}", { params: { ${header.replace("params: { ", "").replace(" }, ", ", ")}path: { chunk_id: "c" } } });
export const deleted = trieve.deleteUserApiKey("3c90c3cc-0d44-4b50-8888-8dd25736052a");
// @ts-expect-error no such path
export const noSuchPath = trieve.raw.GET("/api/not-a-path");
`;

/**
 * Two consumers of the package built from Trieve 0.13.0 (its dist/ declarations, as a user gets them), checked by
 * TypeScript 7's tsc as consumer-check.ts checks one: "unscoped", today's use, passes TR-Dataset in each call's
 * `params.header`; "scoped" creates the client with `datasetId` and leaves the header out, so its `raw` goes through
 * WithScopedHeaders (src/scoped-headers.ts). The same calls otherwise.
 */
export function writeConsumers(dir: string): { unscoped: string; scoped: string } {
  const folders = { unscoped: path.join(dir, "consumer-unscoped"), scoped: path.join(dir, "consumer-scoped") };
  const header = 'params: { header: { "TR-Dataset": datasetId } }, ';
  for (const [name, folder] of Object.entries(folders)) {
    const scoped = name === "scoped";
    writeConsumerProject(
      folder,
      `import { createTrieveClient } from "../dist/src/index.js";
const datasetId = "5a2f9d8e-1b3c-4d5e-8f90-a1b2c3d4e5f6";
const trieve = createTrieveClient({ apiKey: "tr-x"${scoped ? ", datasetId" : ""} });
${calls(scoped ? "" : header)}`,
    );
  }
  return folders;
}

export interface ScopedConsumerCheck {
  unscopedMs: number;
  scopedMs: number;
}

/**
 * Row t's scoped line: a copy of the project with Trieve 0.13.0 in spec/, generated and built (`npm run build`,
 * TypeScript 5.9 as `prepack` runs it), then the two consumers checked `rounds` times each, interleaved, by tsc7.
 */
export async function scopedConsumerCheck(
  specFile: string,
  node: string,
  rounds: number,
): Promise<ScopedConsumerCheck> {
  const project = benchProject({ file: specFile }, ["src", "tsconfig.build.json"]);
  try {
    const generated = await project.run("generate.ts");
    if (generated.code !== 0) throw new Error(`generate failed on ${specFile}:\n${generated.stderr}`);
    execFileSync(node, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { cwd: project.dir });
    const folders = writeConsumers(project.dir);
    const times = { unscoped: [] as number[], scoped: [] as number[] };
    for (let round = 0; round <= rounds; round++)
      for (const name of ["unscoped", "scoped"] as const) {
        const run = await checkConsumer("7.0", folders[name], node);
        if (round > 0) times[name].push(run.ms); // the first round is untimed: it fills the OS file cache
      }
    return { unscopedMs: median(times.unscoped), scopedMs: median(times.scoped) };
  } finally {
    project.remove();
  }
}
