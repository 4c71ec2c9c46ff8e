/**
 * `node --import tsx bench/compile-gate-time.ts <project> <generated file> <rounds>`: run by the benchmark
 * with each Node line, in a copy of the project. Times `compileGate` (scripts/spec-diff/compile-gate.ts, as
 * the copy has it) on the text of a new generated/trieve.ts, and the TypeScript 7 prototype beside it
 * (scripts/shared/compile-gate-tsc7.ts); prints one JSON line.
 *
 * TypeScript is loaded before the clock starts: `spec:update` runs the gate in the process that has just
 * generated the types, with TypeScript loaded already.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [project, generatedFile, rounds] = process.argv.slice(2);
const text = readFileSync(generatedFile!, "utf8");
const load = <T>(file: string) => import(pathToFileURL(path.join(project!, file)).href) as Promise<T>;
const { compileGate } = await load<typeof import("../scripts/spec-diff/compile-gate.js")>(
  "scripts/spec-diff/compile-gate.ts",
);
const { compileGateTsc7 } = await load<typeof import("../scripts/shared/compile-gate-tsc7.js")>(
  "scripts/shared/compile-gate-tsc7.ts",
);
createRequire(path.join(project!, "scripts", "spec-diff", "compile-gate.ts"))("typescript");

const gate: number[] = [];
const prototype: number[] = [];
let errors = 0;
let same = true;
for (let round = 0; round < Number(rounds); round++) {
  let start = performance.now();
  const found = compileGate(text);
  gate.push(performance.now() - start);
  start = performance.now();
  const foundBy7 = await compileGateTsc7(text);
  prototype.push(performance.now() - start);
  errors = found.length;
  same &&= JSON.stringify(found) === JSON.stringify(foundBy7);
}
console.log(JSON.stringify({ gate, prototype, errors, same }));
