import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { compilers, type CompilerVersion } from "../test/helpers/compilers.js";
import { writeConsumerProject } from "../test/helpers/consumer-project.js";
import { measuredRun, type MeasuredRun } from "./measured-run.js";

/**
 * A user's project that imports the generated types (as `trieve.d.ts`, what the packed package ships) and
 * types an openapi-fetch client with them, checked by `tsc` as a user would run it: strict, NodeNext,
 * exactOptionalPropertyTypes, skipLibCheck off. openapi-fetch's types cost grows with the number of paths,
 * once per HTTP method used (../shared/toolchain-notes.md): its calls use two.
 * `dir` must sit in the project copy, whose node_modules has openapi-fetch.
 */
export function writeConsumer(dir: string, generatedText: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "trieve.d.ts"), generatedText);
  writeConsumerProject(
    dir,
    // Only what every spec here has (the seed's one operation), and two wrong calls, which make tsc
    // match the path against every path with a GET and a DELETE.
    `import createClient from "openapi-fetch";
import type { paths } from "./trieve.js";
const client = createClient<paths>({ baseUrl: "https://api.trieve.ai" });
export const deleted = client.DELETE("/api/user/api_key/{api_key_id}", { params: { path: { api_key_id: "x" } } });
// @ts-expect-error the id is a string
export const wrongId = client.DELETE("/api/user/api_key/{api_key_id}", { params: { path: { api_key_id: 1 } } });
// @ts-expect-error no such path
export const noSuchPath = client.GET("/api/not-a-path");
`,
  );
}

/** One check of a consumer folder by one compiler: its time, peak RSS, and whether it passed. */
export async function checkConsumer(version: CompilerVersion, dir: string, node: string): Promise<MeasuredRun> {
  const run = await measuredRun(node, [compilers[version], "-p", dir, "--pretty", "false"], { cwd: dir });
  if (run.code !== 0) throw new Error(`tsc ${version} rejected the consumer in ${dir}:\n${run.stdout.slice(0, 1000)}`);
  return run;
}
