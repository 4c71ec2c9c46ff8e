import { message, specName, specValue, type Message } from "./message.js";

/** Reports a schema change by what it is (`max-length-decreased`); the caller turns it into a rule id. */
export type Emit = (what: string, message: Message, pointer?: string, where?: "new" | "old") => void;

type Schema = Record<string, unknown>;

/** The numeric bounds of JSON Schema validation, each with its rule name and whether it bounds from above. */
const bounds: ReadonlyArray<[keyword: string, name: string, upper: boolean]> = [
  ["maxLength", "max-length", true],
  ["maxItems", "max-items", true],
  ["maxProperties", "max-properties", true],
  ["maximum", "max", true],
  ["exclusiveMaximum", "exclusive-max", true],
  ["minLength", "min-length", false],
  ["minItems", "min-items", false],
  ["minProperties", "min-properties", false],
  ["minimum", "min", false],
  ["exclusiveMinimum", "exclusive-min", false],
];

/**
 * The validation keywords that only change which values are valid: bounds, `pattern`, `multipleOf`,
 * `uniqueItems`. Whether a change breaks a caller depends on the side; rules.ts decides that.
 */
export function diffKeywords(b: Schema, a: Schema, emit: Emit): void {
  for (const [keyword, name] of bounds) diffBound(keyword, name, b[keyword], a[keyword], emit);
  diffPattern(b.pattern, a.pattern, emit);
  diffMultipleOf(b.multipleOf, a.multipleOf, emit);
  if ((b.uniqueItems === true) !== (a.uniqueItems === true))
    emit(a.uniqueItems === true ? "unique-items-set" : "unique-items-unset", [
      `uniqueItems ${a.uniqueItems === true ? "set" : "removed"}`,
    ]);
}

function diffBound(keyword: string, name: string, was: unknown, is: unknown, emit: Emit): void {
  if (was === is) return;
  if (typeof was === "boolean" || typeof is === "boolean") {
    // OpenAPI 3.0: `exclusiveMaximum: true` makes `maximum` exclusive, which excludes one more value
    if ((was === true) !== (is === true))
      emit(`${name}-${is === true ? "set" : "unset"}`, [`${keyword} ${is === true ? "set" : "removed"}`]);
    return;
  }
  if (typeof was === "number" && typeof is === "number") {
    const direction = is > was ? "increased" : "decreased";
    emit(`${name}-${direction}`, [`${keyword} ${direction} from `, specValue(was), " to ", specValue(is)]);
  } else if (typeof is === "number") emit(`${name}-set`, [`${keyword} `, specValue(is), " added"]);
  else if (typeof was === "number") emit(`${name}-unset`, [`${keyword} `, specValue(was), " removed"]);
}

function diffPattern(was: unknown, is: unknown, emit: Emit): void {
  const [before, after] = [was, is].map((p) => (typeof p === "string" ? p : undefined));
  if (before === after) return;
  if (after === undefined) emit("pattern-removed", message`pattern ${specName(before!)} removed`);
  else if (before === undefined) emit("pattern-added", message`pattern ${specName(after)} added`);
  else emit("pattern-changed", message`pattern changed from ${specName(before)} to ${specName(after)}`);
}

/** A new multipleOf that is a multiple of the old one allows fewer values; one that divides it allows more. */
function diffMultipleOf(was: unknown, is: unknown, emit: Emit): void {
  const [before, after] = [was, is].map((m) => (typeof m === "number" && m > 0 ? m : undefined));
  if (before === after) return;
  if (after === undefined) emit("multiple-of-unset", message`multipleOf ${specValue(before!)} removed`);
  else if (before === undefined) emit("multiple-of-set", message`multipleOf ${specValue(after)} added`);
  else {
    const what = divides(before, after) ? "specialized" : divides(after, before) ? "generalized" : "changed";
    emit(`multiple-of-${what}`, message`multipleOf changed from ${specValue(before)} to ${specValue(after)}`);
  }
}

/** Whether `x` divides `y`, with room for binary fractions (0.1 divides 0.3). */
function divides(x: number, y: number): boolean {
  const ratio = y / x;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}
