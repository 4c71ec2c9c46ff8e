import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { abs } from "./project-files.js";

export interface CalledOperation {
  /** lower case, as in the spec: `delete` */
  method: string;
  path: string;
  /** the src/ file that makes the call, relative to the project root */
  file: string;
}

/**
 * The operations the hand-written wrapper calls, read from src/ itself rather than kept in a list that
 * could drift: every call goes through openapi-fetch as `raw.DELETE("/api/user/api_key/{api_key_id}", ...)`,
 * and openapi-fetch only accepts a literal path of the spec there. Today: delete_user_api_key.
 */
export function calledOperations(srcDir = abs("src")): CalledOperation[] {
  const calls = new Map<string, CalledOperation>();
  const call = /\.(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE)\(\s*(["'`])(\/[^"'`]*)\2/g;
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(call)) {
      const method = match[1]!.toLowerCase();
      const key = `${method} ${match[3]!}`;
      if (!calls.has(key))
        calls.set(key, {
          method,
          path: match[3]!,
          file: path.relative(path.dirname(srcDir), file).split(path.sep).join("/"),
        });
    }
  }
  return [...calls.values()];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
