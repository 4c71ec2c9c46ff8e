import { child, followRefs, pointer } from "./json-pointer.js";
import type { SchemaDiffer } from "./schema-diff.js";

export type Obj = Record<string, unknown>;

export const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** `DELETE /api/user/api_key/{api_key_id}`: how operations are named in reports and matched between specs. */
export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** One operation of one spec, with where it is. */
export interface Located {
  ref: { method: string; path: string };
  op: Obj;
  pathItem: Obj;
  pointer: string;
}

/** What every part of the diff needs: both documents, the schema differ, and the clock for `x-sunset`. */
export interface DiffContext {
  before: Obj;
  after: Obj;
  schemas: SchemaDiffer;
  now: number;
}

export function listOperations(doc: Obj): Map<string, Located> {
  const result = new Map<string, Located>();
  const paths = isObj(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const [pathItem, itemPointer] = followRefs(doc, rawItem, pointer("paths", path));
    if (!isObj(pathItem)) continue;
    for (const method of methods) {
      const op = pathItem[method];
      if (isObj(op))
        result.set(operationKey(method, path), {
          ref: { method, path },
          op,
          pathItem,
          pointer: child(itemPointer, method),
        });
    }
  }
  return result;
}

/**
 * How far a `deprecated` thing that is gone had got: `past` when its `x-sunset` date (RFC 3339, as oasdiff
 * reads it) is before now, `pending` when it was deprecated without a date or with one still to come.
 */
export function sunset(node: Obj, now: number): { state: "none" | "pending" | "past"; date?: string } {
  if (node.deprecated !== true) return { state: "none" };
  const date = typeof node["x-sunset"] === "string" ? node["x-sunset"] : undefined;
  const time = date === undefined ? NaN : Date.parse(date);
  return { state: Number.isNaN(time) || time > now ? "pending" : "past", date };
}

export function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
