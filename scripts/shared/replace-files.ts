import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeAtomically } from "./write-atomically.js";

export interface Replacement {
  file: string;
  text: string;
}

/**
 * Replaces several files together, or none of them: every new text is first written to a temp file
 * beside its target, then the temp files are renamed one by one (each rename is atomic). If a rename
 * fails, the files already replaced get their old bytes back, and the error is rethrown.
 * spec:update uses it so that spec/ and generated/ never disagree. Returns the files that changed.
 */
export function replaceFiles(replacements: Replacement[]): string[] {
  const pending = replacements
    .map(({ file, text }) => ({ file, text, old: readOrUndefined(file) }))
    .filter(({ text, old }) => text !== old);
  const temps = pending.map(({ file }) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`));
  const done: typeof pending = [];
  try {
    pending.forEach(({ text }, i) => writeFileSync(temps[i]!, text));
    pending.forEach((entry, i) => {
      renameSync(temps[i]!, entry.file);
      done.push(entry);
    });
  } catch (error) {
    for (const { file, old } of done.reverse()) {
      if (old === undefined) rmSync(file, { force: true });
      else writeAtomically(file, old);
    }
    throw error;
  } finally {
    for (const temp of temps) rmSync(temp, { force: true });
  }
  return pending.map(({ file }) => file);
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
