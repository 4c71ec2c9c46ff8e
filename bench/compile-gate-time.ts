/**
 * `node --import tsx bench/compile-gate-time.ts <project> <generated file> <rounds>`: run by the benchmark
 * with each Node line, in a copy of the project. Times `compileGate` (scripts/spec-diff/compile-gate.ts, as
 * the copy has it) on the text of a new generated/trieve.ts; prints one JSON line.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [project, generatedFile, rounds] = process.argv.slice(2);
const text = readFileSync(generatedFile!, "utf8");
const load = <T>(file: string) => import(pathToFileURL(path.join(project!, file)).href) as Promise<T>;
const { compileGate } = await load<typeof import("../scripts/spec-diff/compile-gate.js")>(
  "scripts/spec-diff/compile-gate.ts",
);

const gate: number[] = [];
let errors = 0;
for (let round = 0; round < Number(rounds); round++) {
  const start = performance.now();
  const found = await compileGate(text);
  gate.push(performance.now() - start);
  errors = found.errors.length + found.typeTests.length + found.existing.length;
}
console.log(JSON.stringify({ gate, errors }));
