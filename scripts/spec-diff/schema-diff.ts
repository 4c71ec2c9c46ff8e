import { child, followRefs } from "./json-pointer.js";

/** Which way data flows: what the client sends, or what it reads back. Breaking-ness depends on it. */
export type Side = "request" | "response";

export interface SchemaChange {
  breaking: boolean;
  message: string;
  /** where: in the new spec, or in the old one (`in: "old"`) for something that was removed */
  pointer: string;
  in: "new" | "old";
}

type Schema = Record<string, unknown>;
const compositions = ["allOf", "oneOf", "anyOf"] as const;

/**
 * Compares two JSON Schemas (OpenAPI 3.0/3.1 subset) the way a client sees them. A change is breaking
 * when a request the old spec allowed may now be rejected (side "request"), or when a response may
 * now carry something the old types did not describe or lack something they promised (side "response").
 *
 * `$ref`s are followed, so each change is reported once, at the component where it happened, for every
 * operation that uses it. Results are memoised by (side, old pointer, new pointer): a component used by
 * 50 operations is compared once, and a recursive schema stops at its second visit.
 */
export class SchemaDiffer {
  private readonly memo = new Map<string, SchemaChange[]>();

  constructor(
    private readonly before: unknown,
    private readonly after: unknown,
  ) {}

  compare(oldSchema: unknown, oldPointer: string, newSchema: unknown, newPointer: string, side: Side): SchemaChange[] {
    const [b, bp, bNull] = unwrap(this.before, oldSchema, oldPointer);
    const [a, ap, aNull] = unwrap(this.after, newSchema, newPointer);
    if (!isSchema(b) || !isSchema(a)) return [];
    const key = `${side}\0${bp}\0${ap}\0${bNull}\0${aNull}`;
    const known = this.memo.get(key);
    if (known) return known;
    const changes: SchemaChange[] = [];
    this.memo.set(key, changes); // a cycle that comes back here sees "no changes" and stops
    this.diff(b, bp, a, ap, side, changes, [bNull || isNullable(b), aNull || isNullable(a)]);
    return changes;
  }

  private diff(
    b: Schema,
    bp: string,
    a: Schema,
    ap: string,
    side: Side,
    out: SchemaChange[],
    [nullB, nullA]: [boolean, boolean],
  ): void {
    const request = side === "request";
    const add = (breaking: boolean, message: string, pointer = ap, where: "new" | "old" = "new") =>
      out.push({ breaking, message, pointer, in: where });

    const [typeB, typeA] = [typeOf(b), typeOf(a)];
    if (typeB !== undefined && typeA !== undefined && typeB !== typeA) {
      add(true, `type changed from ${typeB} to ${typeA}`);
      return; // below this, the two schemas describe different things
    }
    const [formatB, formatA] = [b.format, a.format].map((f) => (typeof f === "string" ? f : undefined));
    if (formatB !== formatA) {
      // a new or different format narrows what is valid; a dropped one widens it
      const narrows = formatA !== undefined;
      const widens = formatB !== undefined;
      add(
        request ? narrows : widens,
        formatA === undefined
          ? `format ${formatB} removed`
          : formatB === undefined
            ? `format ${formatA} added`
            : `format changed from ${formatB} to ${formatA}`,
      );
    }
    if (nullB !== nullA) add(request ? nullB : nullA, nullA ? "may now be null" : "may no longer be null");

    this.diffEnum(b, a, ap, request, add);
    this.diffProperties(b, bp, a, ap, side, out, add);

    if (isSchema(b.items) && isSchema(a.items))
      out.push(...this.compare(b.items, child(bp, "items"), a.items, child(ap, "items"), side));
    if (isSchema(b.additionalProperties) && isSchema(a.additionalProperties))
      out.push(
        ...this.compare(
          b.additionalProperties,
          child(bp, "additionalProperties"),
          a.additionalProperties,
          child(ap, "additionalProperties"),
          side,
        ),
      );
    for (const keyword of compositions) this.diffComposition(keyword, b, bp, a, ap, side, out, add);
  }

  private diffEnum(b: Schema, a: Schema, ap: string, request: boolean, add: Add): void {
    if (!Array.isArray(b.enum) || !Array.isArray(a.enum)) {
      if (Array.isArray(b.enum) !== Array.isArray(a.enum))
        // a new enum narrows what is allowed; a dropped one widens it
        add(
          Array.isArray(a.enum) ? request : !request,
          Array.isArray(a.enum) ? "now limited to an enum" : "no longer an enum",
        );
      return;
    }
    const before = new Set(b.enum.map((v) => JSON.stringify(v)));
    const after = new Set(a.enum.map((v) => JSON.stringify(v)));
    const removed = [...before].filter((v) => !after.has(v));
    const added = [...after].filter((v) => !before.has(v));
    if (removed.length > 0) add(request, `enum value${removed.length > 1 ? "s" : ""} ${removed.join(", ")} removed`);
    if (added.length > 0) add(!request, `enum value${added.length > 1 ? "s" : ""} ${added.join(", ")} added`);
  }

  private diffProperties(b: Schema, bp: string, a: Schema, ap: string, side: Side, out: SchemaChange[], add: Add) {
    const request = side === "request";
    const propsB = isSchema(b.properties) ? b.properties : {};
    const propsA = isSchema(a.properties) ? a.properties : {};
    const requiredB = new Set(Array.isArray(b.required) ? (b.required as string[]) : []);
    const requiredA = new Set(Array.isArray(a.required) ? (a.required as string[]) : []);
    for (const name of Object.keys(propsB)) {
      if (!(name in propsA)) {
        // the client sent it (and its types accepted it) or read it: either way code stops compiling
        add(true, `property \`${name}\` removed`, child(bp, "properties", name), "old");
        continue;
      }
      if (requiredB.has(name) !== requiredA.has(name)) {
        const nowRequired = requiredA.has(name);
        add(
          request ? nowRequired : !nowRequired,
          `property \`${name}\` is ${nowRequired ? "now required" : "no longer required"}`,
          child(ap, "properties", name),
        );
      }
      out.push(
        ...this.compare(propsB[name], child(bp, "properties", name), propsA[name], child(ap, "properties", name), side),
      );
    }
    for (const name of Object.keys(propsA)) {
      if (name in propsB) continue;
      const required = requiredA.has(name);
      add(
        request && required,
        `property \`${name}\` added${required ? " (required)" : ""}`,
        child(ap, "properties", name),
      );
    }
  }

  private diffComposition(
    keyword: (typeof compositions)[number],
    b: Schema,
    bp: string,
    a: Schema,
    ap: string,
    side: Side,
    out: SchemaChange[],
    add: Add,
  ): void {
    const branchesB = Array.isArray(b[keyword]) ? (b[keyword] as unknown[]) : [];
    const branchesA = Array.isArray(a[keyword]) ? (a[keyword] as unknown[]) : [];
    if (branchesB.length === 0 && branchesA.length === 0) return;
    // Branches are matched by their $ref when they have one, otherwise by position among the inline ones.
    const keyed = (branches: unknown[]) => {
      let inline = 0;
      return branches.map((branch, index) => ({
        index,
        branch,
        key: isSchema(branch) && typeof branch.$ref === "string" ? branch.$ref : `#inline${inline++}`,
      }));
    };
    const listB = keyed(branchesB);
    const listA = keyed(branchesA);
    const byKeyA = new Map(listA.map((x) => [x.key, x]));
    const keysB = new Set(listB.map((x) => x.key));
    // allOf: every branch must hold, so a new branch narrows; oneOf/anyOf: a new branch widens.
    const addedNarrows = keyword === "allOf";
    const request = side === "request";
    const label = (key: string) => (key.startsWith("#inline") ? "an inline schema" : `\`${key.split("/").pop()}\``);
    for (const { index, branch, key } of listB) {
      const match = byKeyA.get(key);
      if (!match) {
        add(
          request ? !addedNarrows : addedNarrows,
          `${keyword} branch ${label(key)} removed`,
          child(bp, keyword, index),
          "old",
        );
        continue;
      }
      out.push(...this.compare(branch, child(bp, keyword, index), match.branch, child(ap, keyword, match.index), side));
    }
    for (const { index, key } of listA) {
      if (keysB.has(key)) continue;
      add(request ? addedNarrows : !addedNarrows, `${keyword} branch ${label(key)} added`, child(ap, keyword, index));
    }
  }
}

type Add = (breaking: boolean, message: string, pointer?: string, where?: "new" | "old") => void;

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Follows `$ref`s, and sees through `{ allOf: [X], nullable: true }`, which is how utoipa (Trieve's spec
 * generator) writes "X or null": going from `$ref: X` to that wrapper is "may now be null", not a new
 * allOf branch with every property of X removed. Returns the schema, its pointer and whether a wrapper made it nullable.
 */
function unwrap(document: unknown, schema: unknown, at: string): [unknown, string, boolean] {
  let [current, where] = followRefs(document, schema, at);
  let nullable = false;
  const structural = ["type", "properties", "items", "additionalProperties", "oneOf", "anyOf", "enum"];
  for (let hops = 0; hops < 64 && isSchema(current); hops++) {
    const wrapper: Schema = current;
    if (!Array.isArray(wrapper.allOf) || wrapper.allOf.length !== 1 || structural.some((k) => k in wrapper)) break;
    nullable ||= wrapper.nullable === true;
    [current, where] = followRefs(document, wrapper.allOf[0], child(where, "allOf", 0));
  }
  return [current, where, nullable];
}

/** The schema's type; inferred for untyped objects and arrays. */
function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) return type.filter((t) => t !== "null").join("|") || "null"; // OpenAPI 3.1
  if (typeof type === "string") return type;
  return isSchema(schema.properties) ? "object" : isSchema(schema.items) ? "array" : undefined;
}

function isNullable(schema: Schema): boolean {
  return schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes("null"));
}
