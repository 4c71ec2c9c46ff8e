import { resolvePointer } from "./json-pointer.js";
import { isObj, listOperations, type Located, type Obj } from "./operations.js";

/**
 * The operations (`get /items/{id}`, method lowercase as in the spec) that are the same in both specs down to the
 * last `$ref` they reach: the operation, its path item's parameters, and every component it leads to, compared
 * as JSON. openapi-typescript gives such an operation the same types in both, so its caller in the usage corpus
 * cannot break, and the corpus does not compile it (a description changed is a change here: this is equality,
 * not a rule).
 */
export function unchangedOperations(before: Obj, after: Obj): Set<string> {
  const opsAfter = listOperations(after);
  const same = new Set<string>();
  for (const [key, b] of listOperations(before)) {
    const a = opsAfter.get(key);
    if (a && closure(before, b) === closure(after, a)) same.add(`${b.ref.method} ${b.ref.path}`);
  }
  return same;
}

/** The operation and everything it reaches through `$ref`s, as one JSON text. */
function closure(doc: Obj, located: Located): string {
  const reached = new Map<string, unknown>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObj(node)) {
      const ref = node.$ref;
      if (typeof ref === "string" && !reached.has(ref)) {
        const target = resolvePointer(doc, ref);
        reached.set(ref, target);
        walk(target);
      }
      Object.values(node).forEach(walk);
    }
  };
  const own = [located.op, located.pathItem.parameters ?? null];
  walk(own);
  return JSON.stringify([own, [...reached].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))]);
}
