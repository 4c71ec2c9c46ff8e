/**
 * The rule model of the spec diff: every change names a rule, and the rule fixes its level.
 * Rule ids are oasdiff's (checker/rules.go) wherever oasdiff has the same rule; the table of
 * docs/breaking-changes.md lists every rule here, and why where our level differs from oasdiff's.
 */
import { messageText, type Message } from "./message.js";

/** breaking: a caller may stop compiling or get rejected (spec:update exits 2); warning: worth a look; info: no caller breaks. */
export type Level = "breaking" | "warning" | "info";
export const levels: readonly Level[] = ["breaking", "warning", "info"];

/** Which way data flows: what the client sends, or what it reads back. */
export type Side = "request" | "response";

/** What a schema change does to the set of valid values. */
type Effect = "narrows" | "widens" | "incomparable";

/**
 * The direction rule, stated once: a tighter request or a looser response breaks a caller. A request the
 * old spec allowed may now be rejected; a response may now hold what the old types did not describe.
 * A change that is neither tighter nor looser (a type swapped for another) breaks either way.
 */
export function levelOf(side: Side, effect: Effect): Level {
  if (effect === "incomparable") return "breaking";
  return (side === "request") === (effect === "narrows") ? "breaking" : "info";
}

export interface Change {
  /** the rule, e.g. `request-parameter-max-length-decreased` */
  id: string;
  level: Level;
  /** for the text report: `property \`name\` removed` */
  message: string;
  /** the same message with the spec's strings apart (message.ts), for Markdown, where they must not render */
  parts: Message;
  /** where: in the new spec, or in the old one (`in: "old"`) for something that was removed */
  pointer: string;
  in: "new" | "old";
}

/**
 * Schema rules are named `<side>-<subject>-<what>`, like oasdiff's: the subject is `parameter` (a parameter's
 * schema), `parameter-property` (inside it), `body` (a request or response body's schema), `property` (inside
 * it) or `header` (a response header's schema). In the catalogue below they appear once per side, with `*` for the subject.
 */
export type Subject = "parameter" | "parameter-property" | "body" | "property" | "header";

const bounds = (name: string, upper: boolean): Array<[string, Effect]> => [
  [`${name}-${upper ? "decreased" : "increased"}`, "narrows"],
  [`${name}-${upper ? "increased" : "decreased"}`, "widens"],
  [`${name}-set`, "narrows"],
  [`${name}-unset`, "widens"],
];

/** Schema rules whose level follows from the direction rule: [what, effect]. */
const directional: Array<[string, Effect]> = [
  ["type-changed", "incomparable"],
  ["type-generalized", "widens"],
  ["became-nullable", "widens"],
  ["became-not-nullable", "narrows"],
  ["became-enum", "narrows"],
  ["became-not-enum", "widens"],
  ["enum-value-removed", "narrows"],
  ["enum-value-added", "widens"],
  ...["max-length", "max-items", "max-properties", "max", "exclusive-max"].flatMap((n) => bounds(n, true)),
  ...["min-length", "min-items", "min-properties", "min", "exclusive-min"].flatMap((n) => bounds(n, false)),
  ["pattern-added", "narrows"],
  ["pattern-removed", "widens"],
  ["multiple-of-set", "narrows"],
  ["multiple-of-unset", "widens"],
  ["multiple-of-specialized", "narrows"],
  ["multiple-of-generalized", "widens"],
  ["multiple-of-changed", "incomparable"],
  ["unique-items-set", "narrows"],
  ["unique-items-unset", "widens"],
  ["one-of-added", "widens"],
  ["one-of-removed", "narrows"],
  ["any-of-added", "widens"],
  ["any-of-removed", "narrows"],
  ["all-of-added", "narrows"],
  ["all-of-removed", "widens"],
];

/** The rules with one level whatever the side. */
const fixed: Record<string, Level> = {
  "endpoint-added": "info",
  "api-removed-without-deprecation": "breaking",
  "api-path-removed-without-deprecation": "breaking",
  "api-removed-with-deprecation": "info",
  "api-path-removed-with-deprecation": "info",
  "api-removed-before-sunset": "breaking",
  "api-path-removed-before-sunset": "breaking",
  "api-operation-id-removed": "breaking",
  "api-operation-id-added": "info",
  "new-required-request-parameter": "breaking",
  "new-optional-request-parameter": "info",
  "new-required-request-default-parameter-to-existing-path": "breaking",
  "new-optional-request-default-parameter-to-existing-path": "info",
  "request-parameter-removed": "breaking",
  "request-parameter-removed-with-deprecation": "info",
  "request-parameter-removed-before-sunset": "breaking",
  "request-parameter-location-changed": "breaking",
  "request-parameter-became-required": "breaking",
  "request-parameter-became-optional": "info",
  "request-parameter-default-value-added": "breaking",
  "request-parameter-default-value-changed": "breaking",
  "request-parameter-default-value-removed": "breaking",
  "request-body-added-required": "breaking",
  "request-body-added-optional": "info",
  "request-body-removed": "breaking",
  "request-body-became-required": "breaking",
  "request-body-became-optional": "info",
  "request-body-media-type-added": "info",
  "request-body-media-type-removed": "breaking",
  "request-property-removed": "breaking",
  "new-required-request-property": "breaking",
  "new-optional-request-property": "info",
  "request-property-became-required": "breaking",
  "request-property-became-optional": "info",
  "response-success-status-added": "info",
  "response-non-success-status-added": "info",
  "response-success-status-removed": "breaking",
  "response-non-success-status-removed": "warning",
  "response-media-type-added": "info",
  "response-media-type-removed": "breaking",
  "response-required-property-removed": "breaking",
  "response-optional-property-removed": "breaking",
  "response-required-property-added": "info",
  "response-optional-property-added": "info",
  "response-property-became-optional": "breaking",
  "response-property-became-required": "info",
  "required-response-header-removed": "breaking",
  "optional-response-header-removed": "warning",
  "response-header-became-optional": "breaking",
  "response-header-became-required": "info",
  "response-header-added": "info",
  "api-security-removed": "breaking",
  "api-security-added": "info",
  "api-security-added-to-unsecured-operation": "breaking",
  "api-security-removed-operation-public": "info",
  "api-security-scope-added": "info",
  "api-security-scope-removed": "info",
  "api-security-scheme-changed": "breaking",
};

/** Every rule id (schema rules with `*` for the subject) and its level. */
export const rules: Readonly<Record<string, Level>> = Object.fromEntries([
  ...(["request", "response"] as const).flatMap((side) =>
    directional.map(([what, effect]) => [`${side}-*-${what}`, levelOf(side, effect)] as const),
  ),
  // a narrower type in a request is `type-changed`, as in oasdiff; in a response it is harmless
  ["response-*-type-specialized", "info"],
  // a new pattern may or may not accept what the old one did: no one can tell in general
  ["request-*-pattern-changed", "warning"],
  ["response-*-pattern-changed", "warning"],
  ...Object.entries(fixed),
]);

/**
 * Why the usage corpus (usage-corpus.ts) may compile where a rule says breaking, or break where it does not:
 * - `runtime-only`: a breaking rule that TypeScript's generated types cannot express (a length, a range, a
 *   pattern, a multiple, unique items, a default, `integer` vs `number`, the security scheme, an `allOf` of
 *   constraints): the code compiles, and the server rejects the request or sends what the old spec ruled out;
 * - `announced`: a non-breaking rule on something removed after the `x-sunset` date of its deprecation: code
 *   that still uses it stops compiling, as the deprecation announced.
 * A schema rule on a response header (`response-header-…`) is runtime-only too: openapi-fetch gives the
 * headers as a `Headers` object, untyped. docs/breaking-changes.md shows these in its rule table.
 */
export type CompilerNote = "runtime-only" | "announced";

const runtimeOnlyWhats = [
  ...["max-length", "max-items", "max-properties", "max", "exclusive-max"].flatMap((n) =>
    bounds(n, true).map(([what]) => what),
  ),
  ...["min-length", "min-items", "min-properties", "min", "exclusive-min"].flatMap((n) =>
    bounds(n, false).map(([what]) => what),
  ),
  "pattern-added",
  "pattern-removed",
  ...["set", "unset", "specialized", "generalized", "changed"].map((w) => `multiple-of-${w}`),
  "unique-items-set",
  "unique-items-unset",
  "all-of-added",
  "all-of-removed",
];

export const compilerNotes: Readonly<Record<string, CompilerNote>> = Object.fromEntries([
  ...(["request", "response"] as const).flatMap((side) =>
    runtimeOnlyWhats
      .map((what) => `${side}-*-${what}`)
      .filter((rule) => rules[rule] === "breaking")
      .map((rule) => [rule, "runtime-only"] as const),
  ),
  ["response-*-type-generalized", "runtime-only"],
  ...[
    "request-parameter-default-value-added",
    "request-parameter-default-value-changed",
    "request-parameter-default-value-removed",
    "required-response-header-removed",
    "response-header-became-optional",
    "api-security-removed",
    "api-security-added-to-unsecured-operation",
    "api-security-scheme-changed",
  ].map((rule) => [rule, "runtime-only"] as const),
  ...[
    "request-parameter-removed-with-deprecation",
    "api-removed-with-deprecation",
    "api-path-removed-with-deprecation",
  ].map((rule) => [rule, "announced"] as const),
]);

/** The note of a change's rule id (`request-property-max-length-set`), or undefined. */
export function compilerNoteOf(id: string): CompilerNote | undefined {
  if (id.startsWith("response-header-")) return "runtime-only";
  const exact = compilerNotes[id];
  if (exact !== undefined) return exact;
  const match = /^(request|response)-(?:parameter-property|parameter|body|property|header)-(.+)$/.exec(id);
  return match ? compilerNotes[`${match[1]}-*-${match[2]}`] : undefined;
}

/**
 * The one way a change is made: the rule fixes the level. A schema rule takes the subject that replaces
 * its `*`. An id missing from the catalogue is a bug in the differ, so it throws.
 */
export function change(
  rule: string,
  message: Message,
  pointer: string,
  where: "new" | "old" = "new",
  subject?: Subject,
): Change {
  const level = rules[rule];
  if (level === undefined) throw new Error(`spec diff: no rule ${rule} in scripts/spec-diff/rules.ts`);
  return {
    id: subject ? rule.replace("*", subject) : rule,
    level,
    message: messageText(message),
    parts: message,
    pointer,
    in: where,
  };
}

/** The change seen from further out: `response 200: ` before its message. */
export function prefixed(c: Change, prefix: Message): Change {
  const parts = [...prefix, ": ", ...c.parts];
  return { ...c, message: messageText(parts), parts };
}
