import { child, pointer } from "./json-pointer.js";
import { isObj, type DiffContext, type Located, type Obj } from "./operations.js";
import { joinMessages, message, specName, specValue, type Message } from "./message.js";
import { change, type Change } from "./rules.js";

const none = "(none)";

/** An alternative's key (`ApiKey + Jwt`, or `(none)`) as a message: each scheme name from the spec. */
const alternative = (key: string): Message =>
  key === none
    ? [none]
    : joinMessages(
        key.split(" + ").map((n) => [specValue(n)]),
        " + ",
      );

/** The alternatives a client may satisfy (each a set of schemes, `(none)` for no credential), with their scopes. */
function alternatives(doc: Obj, op: Obj): Map<string, Set<string>> {
  const list = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
  if (list.length === 0) return new Map([[none, new Set()]]);
  return new Map(
    (list as unknown[]).filter(isObj).map((req) => {
      const names = Object.keys(req).sort();
      const scopes = names.flatMap((n) => (Array.isArray(req[n]) ? (req[n] as string[]) : []).map((s) => `${n}:${s}`));
      return [names.length === 0 ? none : names.join(" + "), new Set(scopes)];
    }),
  );
}

/**
 * Security as a client sees it. An alternative that disappears breaks the callers that used it, unless the
 * operation became public; a new one breaks nobody, unless it replaces "no credential at all".
 */
export function diffSecurity(ctx: DiffContext, b: Located, a: Located): Change[] {
  const altB = alternatives(ctx.before, b.op);
  const altA = alternatives(ctx.after, a.op);
  const where = child(a.pointer, "security");
  const changes: Change[] = [];
  const removed = [...altB.keys()].filter((k) => !altA.has(k));
  const required = joinMessages([...altA.keys()].map(alternative), " or ");
  for (const key of removed) {
    if (key === none)
      changes.push(
        change("api-security-added-to-unsecured-operation", ["a credential is now required: ", ...required], where),
      );
    else if (altA.has(none))
      changes.push(
        change(
          "api-security-removed-operation-public",
          ["security ", ...alternative(key), " removed: no credential needed"],
          where,
        ),
      );
    else changes.push(change("api-security-removed", ["security ", ...alternative(key), " removed"], where));
  }
  // what replaces "no credential" or what "no credential" replaces is said above, once
  const replaced = removed.includes(none) || (altA.has(none) && removed.length > 0);
  for (const key of altA.keys())
    if (!altB.has(key) && !replaced)
      changes.push(change("api-security-added", ["security ", ...alternative(key), " added as an alternative"], where));
  changes.push(...diffScopes(altB, altA, where), ...diffSchemes(ctx, altB, altA));
  return changes;
}

/** Scopes are the server's authorisation: the client sends the same credential either way. */
function diffScopes(altB: Map<string, Set<string>>, altA: Map<string, Set<string>>, where: string): Change[] {
  const changes: Change[] = [];
  for (const [key, scopesA] of altA) {
    const scopesB = altB.get(key);
    if (!scopesB) continue;
    const added = [...scopesA].filter((s) => !scopesB.has(s));
    const removed = [...scopesB].filter((s) => !scopesA.has(s));
    const scopes = (list: string[]) =>
      joinMessages(
        list.map((s) => [specValue(s)]),
        ", ",
      );
    if (added.length > 0)
      changes.push(change("api-security-scope-added", ["scopes ", ...scopes(added), " added"], where));
    if (removed.length > 0)
      changes.push(change("api-security-scope-removed", ["scopes ", ...scopes(removed), " removed"], where));
  }
  return changes;
}

/** The same scheme name may now mean another header or another kind of credential. */
function diffSchemes(ctx: DiffContext, altB: Map<string, Set<string>>, altA: Map<string, Set<string>>): Change[] {
  const schemes = (doc: Obj) =>
    isObj(doc.components) && isObj(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const [schemesB, schemesA] = [schemes(ctx.before), schemes(ctx.after)];
  const changes: Change[] = [];
  for (const key of altA.keys())
    for (const name of key === none || !altB.has(key) ? [] : key.split(" + ")) {
      const [sb, sa] = [schemesB[name], schemesA[name]].map((s) =>
        isObj(s) ? JSON.stringify([s.type, s.in, s.name, s.scheme]) : "",
      );
      if (sb !== sa)
        changes.push(
          change(
            "api-security-scheme-changed",
            message`security scheme ${specName(name)} changed`,
            pointer("components", "securitySchemes", name),
          ),
        );
    }
  return changes;
}
