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
