/**
 * `node --import tsx bench/corpus-time.ts <project> <generated file> <rounds>`: run by the benchmark with each
 * Node line, in a copy of the project. Times `compileCorpora` (scripts/spec-diff/corpus-compile.ts, as the copy
 * has it): the usage corpus of the copy's spec/trieve.yaml, its generated/trieve.ts as the old types, compiled
 * against the given new generated text, as `spec:update` runs it; prints one JSON line.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";

const [project, generatedFile, rounds] = process.argv.slice(2);
const newTypes = readFileSync(generatedFile!, "utf8");
const oldTypes = readFileSync(path.join(project!, "generated/trieve.ts"), "utf8");
const before = parse(readFileSync(path.join(project!, "spec/trieve.yaml"), "utf8"), { maxAliasCount: -1 }) as Record<
  string,
  unknown
>;
const load = <T>(file: string) => import(pathToFileURL(path.join(project!, file)).href) as Promise<T>;
const { compileCorpora } = await load<typeof import("../scripts/spec-diff/corpus-compile.js")>(
  "scripts/spec-diff/corpus-compile.ts",
);

const corpus: number[] = [];
let operations = 0;
let breaks = 0;
for (let round = 0; round < Number(rounds); round++) {
  const start = performance.now();
  const [result] = await compileCorpora([{ before, oldTypes, newTypes }]);
  corpus.push(performance.now() - start);
  operations = result!.operations.length;
  breaks = result!.operations.filter((o) => o.compiler === "breaks").length;
}
console.log(JSON.stringify({ corpus, operations, breaks }));
