import { readFileSync } from "node:fs";
import { readHeader } from "./generated-header.js";
import { PipelineError } from "../shared/pipeline-error.js";
import { abs, files } from "../shared/project-files.js";

/** Reads an input of generation (the spec, redocly.yaml), naming it when it cannot. */
export function readInput(file: string): string {
  try {
    return readFileSync(abs(file), "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new PipelineError(code === "ENOENT" ? "file not found" : `cannot read the file (${code})`, { file });
  }
}

function readOutput(): string | undefined {
  try {
    return readFileSync(abs(files.output), "utf8");
  } catch {
    return undefined;
  }
}

/** Why generated/ is not what generate would write from inputs with this hash, or undefined when it is. */
export function staleness(inputs: string): string | undefined {
  const current = readOutput();
  if (current === undefined) return `${files.output} is missing`;
  const header = readHeader(current);
  if (header.kind === "no-header") return `${files.output} has no generated header (was it written by hand?)`;
  if (header.kind === "edited")
    return `${files.output} was edited by hand (its content no longer matches the hash in its header)`;
  if (header.inputs !== inputs)
    return `${files.output} is stale: ${files.spec}, ${files.lintConfig} or the generator changed since it was generated`;
  return undefined;
}
