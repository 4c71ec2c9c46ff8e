/** RFC 6901 JSON pointers: the "where" of every change in a spec diff. */
export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** Appends segments to an existing pointer. */
export function child(base: string, ...segments: Array<string | number>): string {
  return base + pointer(...segments);
}

/** Follows a local pointer (`#/components/schemas/X` or `/components/...`) in a document; undefined when it leads nowhere. */
export function resolvePointer(document: unknown, ref: string): unknown {
  const path = ref.replace(/^#/, "");
  if (path === "") return document;
  let node: unknown = document;
  for (const raw of path.slice(1).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Follows local `$ref`s (schemas, parameters, request bodies, responses, path items: the spec is one document)
 * to the object they lead to, and that object's pointer. Stops after 64 hops, so a `$ref` loop cannot hang.
 */
export function followRefs(document: unknown, value: unknown, at: string): [unknown, string] {
  let current = value;
  let where = at;
  for (let hops = 0; hops < 64; hops++) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof current !== "object" || current === null || typeof ref !== "string") break;
    where = ref.replace(/^#/, "");
    current = resolvePointer(document, ref);
  }
  return [current, where];
}
