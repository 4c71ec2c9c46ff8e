import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Step 5: replaces a file atomically (temp file in the same folder, then rename), so that a reader
 * or a crash never sees half a file, and leaves it alone (mtime included) when the bytes are equal.
 * Returns whether it wrote.
 */
export function writeAtomically(file: string, text: string): boolean {
  let current: string | undefined;
  try {
    current = readFileSync(file, "utf8");
  } catch {
    current = undefined;
  }
  if (current === text) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  return true;
}
