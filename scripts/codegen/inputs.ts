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

function readOutput(file: string): string | undefined {
  try {
    return readFileSync(abs(file), "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Why generated/ is not what generate would write from inputs with this hash, or undefined when it is. Both of
 * its files carry the same header, so each is checked the same way.
 */
export function staleness(inputs: string): string | undefined {
  for (const file of [files.output, files.scopedHeaders]) {
    const problem = fileStaleness(file, inputs);
    if (problem) return problem;
  }
  return undefined;
}

function fileStaleness(file: string, inputs: string): string | undefined {
  const current = readOutput(file);
  if (current === undefined) return `${file} is missing`;
  const header = readHeader(current);
  if (header.kind === "no-header") return `${file} has no generated header (was it written by hand?)`;
  if (header.kind === "edited")
    return `${file} was edited by hand (its content no longer matches the hash in its header)`;
  if (header.inputs !== inputs)
    return `${file} is stale: ${files.spec}, ${files.lintConfig} or the generator changed since it was generated`;
  return undefined;
}
