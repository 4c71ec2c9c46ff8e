import { child, followRefs } from "./json-pointer.js";
import { joinMessages, message, specName, specValue, type Message } from "./message.js";
import { change, type Change, type Side, type Subject } from "./rules.js";
import { diffKeywords, type Emit } from "./schema-keywords.js";

type Schema = Record<string, unknown>;
const compositions = ["allOf", "oneOf", "anyOf"] as const;
const compositionRule = { allOf: "all-of", oneOf: "one-of", anyOf: "any-of" } as const;

/** Where a comparison stands: which way data flows, the subject of what is inside, and where the two sides are. */
interface Site {
  side: Side;
  inner: Subject;
  bp: string;
  ap: string;
  /** changes found inside (properties, items, branches), each with its rule id */
  out: Change[];
  /** changes to the schema itself, named by what they are: their rule id depends on the subject */
  emit: Emit;
}

/** What sits inside a schema (its properties, items and branches): a parameter's, or a body's. */
const inner = (subject: Subject): Subject =>
  subject === "parameter" || subject === "parameter-property" ? "parameter-property" : "property";

interface Found {
  own: Array<{ what: string; message: Message; pointer: string; where: "new" | "old" }>;
  inside: Change[];
}

/**
 * Compares two JSON Schemas (OpenAPI 3.0/3.1 subset) the way a client sees them; the rules in rules.ts give
 * each change its level, by the direction rule for most (a tighter request or a looser response breaks a caller).
 *
 * `$ref`s are followed, so each change is reported once, at the component where it happened, for every
 * operation that uses it. Results are memoised by (side, old pointer, new pointer), and by what is inside (a
 * parameter's properties or a body's): a component used by 50 operations, as a body here and as a property
 * there, is compared once, and a recursive schema stops at its second visit.
 */
export class SchemaDiffer {
  private readonly memo = new Map<string, Found>();

  constructor(
    private readonly before: unknown,
    private readonly after: unknown,
  ) {}

  compare(
    oldSchema: unknown,
    oldPointer: string,
    newSchema: unknown,
    newPointer: string,
    side: Side,
    subject: Subject,
  ): Change[] {
    const [b, bp, bNull] = unwrap(this.before, oldSchema, oldPointer);
    const [a, ap, aNull] = unwrap(this.after, newSchema, newPointer);
    if (!isSchema(b) || !isSchema(a)) return [];
    const key = `${side}\0${inner(subject)}\0${bp}\0${ap}\0${bNull}\0${aNull}`;
    let found = this.memo.get(key);
    if (!found) {
      const { own, inside } = (found = { own: [], inside: [] } as Found);
      this.memo.set(key, found); // a cycle that comes back here sees what was found so far, and stops
      const emit: Emit = (what, message, pointer = ap, where = "new") => own.push({ what, message, pointer, where });
      const site: Site = { side, inner: inner(subject), bp, ap, out: inside, emit };
      this.diff(b, a, site, [bNull || isNullable(b), aNull || isNullable(a)]);
    }
    if (found.own.length === 0) return found.inside;
    const own = found.own.map((c) => change(`${side}-*-${c.what}`, c.message, c.pointer, c.where, subject));
    return [...own, ...found.inside];
  }

  private diff(b: Schema, a: Schema, site: Site, [nullB, nullA]: [boolean, boolean]): void {
    if (!diffType(b, a, site)) return; // below this, the two schemas describe different things
    diffFormat(b, a, site);
    if (nullB !== nullA)
      site.emit(nullA ? "became-nullable" : "became-not-nullable", [
        nullA ? "may now be null" : "may no longer be null",
      ]);
    diffEnum(b, a, site);
    diffKeywords(b, a, site.emit);
    this.diffProperties(b, a, site);
    const { bp, ap, side } = site;
    for (const keyword of ["items", "additionalProperties"])
      if (isSchema(b[keyword]) && isSchema(a[keyword]))
        site.out.push(
          ...this.compare(b[keyword], child(bp, keyword), a[keyword], child(ap, keyword), side, site.inner),
        );
    for (const keyword of compositions) this.diffComposition(keyword, b, a, site);
  }

  private diffProperties(b: Schema, a: Schema, site: Site): void {
    const { side, bp, ap, out } = site;
    const propsB = isSchema(b.properties) ? b.properties : {};
    const propsA = isSchema(a.properties) ? a.properties : {};
    const requiredB = new Set(Array.isArray(b.required) ? (b.required as string[]) : []);
    const requiredA = new Set(Array.isArray(a.required) ? (a.required as string[]) : []);
    for (const name of Object.keys(propsB)) {
      const [was, is] = [child(bp, "properties", name), child(ap, "properties", name)];
      if (!(name in propsA)) {
        // the client sent it (and its types accepted it) or read it: either way code stops compiling
        const rule =
          side === "request"
            ? "request-property-removed"
            : `response-${requiredB.has(name) ? "required" : "optional"}-property-removed`;
        out.push(change(rule, message`property ${specName(name)} removed`, was, "old"));
        continue;
      }
      if (requiredB.has(name) !== requiredA.has(name)) {
        const now = requiredA.has(name) ? "required" : "optional";
        out.push(
          change(
            `${side}-property-became-${now}`,
            [
              ...message`property ${specName(name)}`,
              ` is ${now === "required" ? "now required" : "no longer required"}`,
            ],
            is,
          ),
        );
      }
      out.push(...this.compare(propsB[name], was, propsA[name], is, side, site.inner));
    }
    for (const name of Object.keys(propsA)) {
      if (name in propsB) continue;
      const required = requiredA.has(name);
      const rule =
        side === "request"
          ? `new-${required ? "required" : "optional"}-request-property`
          : `response-${required ? "required" : "optional"}-property-added`;
      out.push(
        change(
          rule,
          [...message`property ${specName(name)} added`, ...(required ? [" (required)"] : [])],
          child(ap, "properties", name),
        ),
      );
    }
  }

  private diffComposition(keyword: (typeof compositions)[number], b: Schema, a: Schema, site: Site): void {
    const branchesB = Array.isArray(b[keyword]) ? (b[keyword] as unknown[]) : [];
    const branchesA = Array.isArray(a[keyword]) ? (a[keyword] as unknown[]) : [];
    if (branchesB.length === 0 && branchesA.length === 0) return;
    const { bp, ap } = site;
    const listB = keyedBranches(branchesB);
    const listA = keyedBranches(branchesA);
    const byKeyA = new Map(listA.map((x) => [x.key, x]));
    const keysB = new Set(listB.map((x) => x.key));
    const label = (key: string): Message =>
      key.startsWith("#inline") ? ["an inline schema"] : [specName(key.split("/").pop()!)];
    const rule = compositionRule[keyword];
    for (const { index, branch, key } of listB) {
      const match = byKeyA.get(key);
      if (match)
        site.out.push(
          ...this.compare(
            branch,
            child(bp, keyword, index),
            match.branch,
            child(ap, keyword, match.index),
            site.side,
            site.inner,
          ),
        );
      else
        site.emit(
          `${rule}-removed`,
          [`${keyword} branch `, ...label(key), " removed"],
          child(bp, keyword, index),
          "old",
        );
    }
    for (const { index, key } of listA)
      if (!keysB.has(key))
        site.emit(`${rule}-added`, [`${keyword} branch `, ...label(key), " added"], child(ap, keyword, index));
  }
}

/** Branches are matched by their $ref when they have one, otherwise by position among the inline ones. */
function keyedBranches(branches: unknown[]): Array<{ index: number; branch: unknown; key: string }> {
  let inline = 0;
  return branches.map((branch, index) => ({
    index,
    branch,
    key: isSchema(branch) && typeof branch.$ref === "string" ? branch.$ref : `#inline${inline++}`,
  }));
}

/** Every value of type `t` is valid for one of `types`: an integer is a number. */
const covers = (types: Set<string>, t: string) => types.has(t) || (t === "integer" && types.has("number"));

/**
 * A changed type, as sets of types (OpenAPI 3.1 lists them). `integer` → `number` widens (both are `number`
 * in the generated types, and every old value is still valid), a type added to the list widens, one taken
 * away narrows; anything else is neither. Returns false when the two schemas no longer describe the same
 * kind of value, so that nothing below is compared.
 */
function diffType(b: Schema, a: Schema, { side, emit }: Site): boolean {
  const [typesB, typesA] = [typesOf(b), typesOf(a)];
  if (!typesB || !typesA) return true;
  const widens = [...typesB].every((t) => covers(typesA, t));
  const narrows = [...typesA].every((t) => covers(typesB, t));
  if (widens && narrows) return true;
  const [from, to] = [[...typesB].join("|"), [...typesA].join("|")].map(specValue);
  if (widens) emit("type-generalized", message`type widened from ${from!} to ${to!}`);
  else if (narrows)
    emit(side === "request" ? "type-changed" : "type-specialized", message`type narrowed from ${from!} to ${to!}`);
  else emit("type-changed", message`type changed from ${from!} to ${to!}`);
  return widens || narrows;
}

/** A new or different format narrows what is valid (oasdiff counts it as a type change); a dropped one widens it. */
function diffFormat(b: Schema, a: Schema, { side, emit }: Site): void {
  const [formatB, formatA] = [b.format, a.format].map((f) => (typeof f === "string" ? f : undefined));
  if (formatB === formatA) return;
  if (formatA === undefined) emit("type-generalized", message`format ${specValue(formatB!)} removed`);
  else if (formatB === undefined)
    emit(side === "request" ? "type-changed" : "type-specialized", message`format ${specValue(formatA)} added`);
  else emit("type-changed", message`format changed from ${specValue(formatB)} to ${specValue(formatA)}`);
}

function diffEnum(b: Schema, a: Schema, { emit }: Site): void {
  if (!Array.isArray(b.enum) || !Array.isArray(a.enum)) {
    if (Array.isArray(a.enum)) emit("became-enum", ["now limited to an enum"]);
    else if (Array.isArray(b.enum)) emit("became-not-enum", ["no longer an enum"]);
    return;
  }
  const before = new Set(b.enum.map((v) => JSON.stringify(v)));
  const after = new Set(a.enum.map((v) => JSON.stringify(v)));
  const removed = [...before].filter((v) => !after.has(v));
  const added = [...after].filter((v) => !before.has(v));
  const values = (list: string[]): Message => [
    `enum value${list.length > 1 ? "s" : ""} `,
    ...joinMessages(
      list.map((v) => [specValue(v)]),
      ", ",
    ),
  ];
  if (removed.length > 0) emit("enum-value-removed", [...values(removed), " removed"]);
  if (added.length > 0) emit("enum-value-added", [...values(added), " added"]);
}

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

/** The schema's types, without "null" (nullability is compared apart); inferred for untyped objects and arrays. */
function typesOf(schema: Schema): Set<string> | undefined {
  const type = schema.type;
  const listed = Array.isArray(type) ? type.filter((t) => t !== "null") : typeof type === "string" ? [type] : [];
  const types =
    listed.length > 0 ? listed : isSchema(schema.properties) ? ["object"] : isSchema(schema.items) ? ["array"] : [];
  return types.length > 0 ? new Set(types as string[]) : undefined;
}

function isNullable(schema: Schema): boolean {
  return schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes("null"));
}
