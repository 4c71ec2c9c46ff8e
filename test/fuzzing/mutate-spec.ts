import fc from "fast-check";

/** How the properties of test/fuzzing/ change a spec: a parsed OpenAPI document, plain JSON. */
type Spec = Record<string, unknown>;

/** A JSON Schema of the kind specs hold: scalars with formats and enums, objects, arrays, nullable. */
export const schema: fc.Arbitrary<Spec> = fc.letrec<{ schema: Spec }>((tie) => ({
  schema: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record(
      {
        type: fc.constantFrom("string", "integer", "number", "boolean"),
        format: fc.constantFrom("uuid", "date-time", "int64"),
        enum: fc.uniqueArray(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        nullable: fc.boolean(),
      },
      { requiredKeys: ["type"] },
    ),
    fc.dictionary(fc.stringMatching(/^[a-z_]{1,6}$/), tie("schema"), { maxKeys: 3 }).chain((properties) =>
      fc.record({
        type: fc.constant("object"),
        properties: fc.constant(properties),
        required: fc.subarray(Object.keys(properties)),
      }),
    ),
    fc.record({ type: fc.constant("array"), items: tie("schema") }),
  ),
})).schema;

export interface Mutation {
  /** which node, counted in document order (modulo their number, so that any number picks one) */
  pick: number;
  kind: "replace" | "remove" | "add";
  /** the new value, or the one added */
  value: unknown;
}

/** One change anywhere in a document: any node replaced by JSON or a schema, removed, or given a new member. */
export const anyMutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom("replace", "remove", "add"),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), schema),
});

/**
 * Applies a mutation in place: what a careless or hostile spec may hold. The value goes through JSON first, as a
 * spec does (fast-check may make objects without a prototype, which no parsed document has).
 */
export function mutateAnywhere(spec: Spec, { pick, kind, value: generated }: Mutation): void {
  const value: unknown = generated === undefined ? null : JSON.parse(JSON.stringify(generated));
  const nodes: Array<[parent: Spec | unknown[], key: string | number]> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((child, i) => (nodes.push([node, i]), walk(child)));
    else if (node && typeof node === "object")
      for (const [key, child] of Object.entries(node)) (nodes.push([node as Spec, key]), walk(child));
  };
  walk(spec);
  if (nodes.length === 0) return;
  const [parent, key] = nodes[pick % nodes.length]!;
  if (kind === "replace") (parent as Record<string | number, unknown>)[key] = value;
  else if (kind === "remove" && Array.isArray(parent)) parent.splice(key as number, 1);
  else if (kind === "remove") delete (parent as Spec)[key];
  else {
    const target = (parent as Record<string | number, unknown>)[key];
    if (target && typeof target === "object" && !Array.isArray(target)) (target as Spec)[`x-fuzz-${pick}`] = value;
    else if (Array.isArray(target)) target.push(value);
  }
}
