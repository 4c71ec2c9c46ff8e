import { child, followRefs } from "./json-pointer.js";
import { isObj, sunset, type DiffContext, type Located, type Obj } from "./operations.js";
import { message, specName, specValue, type Message } from "./message.js";
import { change, prefixed, type Change } from "./rules.js";

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: unknown;
  pointer: string;
  /** declared on the path item, for every operation of the path */
  onPath: boolean;
  raw: Obj;
}

/** Path-level parameters, overridden by operation-level ones with the same name and location (OpenAPI 3.0 §4.7.9). */
function parametersOf(doc: Obj, located: Located): Parameter[] {
  const byKey = new Map<string, Parameter>();
  const itemPointer = located.pointer.slice(0, located.pointer.lastIndexOf("/"));
  const collect = (list: unknown, base: string, onPath: boolean) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, index) => {
      const [param, where] = followRefs(doc, raw, child(base, "parameters", index));
      if (!isObj(param) || typeof param.name !== "string" || typeof param.in !== "string") return;
      byKey.set(paramKey(param.name, param.in), {
        name: param.name,
        in: param.in,
        required: param.required === true || param.in === "path",
        // a parameter has `schema`, or `content` with one media type (OpenAPI 3.0 §4.7.12.1)
        schema: param.schema ?? firstMediaSchema(param.content),
        pointer: where,
        onPath,
        raw: param,
      });
    });
  };
  collect(located.pathItem.parameters, itemPointer, true);
  collect(located.op.parameters, located.pointer, false);
  return [...byKey.values()];
}

// Header names are case-insensitive (RFC 9110 §5.1); everything else is matched exactly.
const paramKey = (name: string, location: string) => `${location}:${location === "header" ? name.toLowerCase() : name}`;

/** Pairs the parameters of both sides by name and location; a parameter that kept its name but moved is paired too. */
function matchParameters(listB: Parameter[], listA: Parameter[]) {
  const unmatchedA = new Map(listA.map((p) => [paramKey(p.name, p.in), p]));
  const pairs: Array<[Parameter, Parameter]> = [];
  const moved: Array<[Parameter, Parameter]> = [];
  const removed: Parameter[] = [];
  for (const p of listB) {
    const match = unmatchedA.get(paramKey(p.name, p.in));
    if (match) {
      pairs.push([p, match]);
      unmatchedA.delete(paramKey(p.name, p.in));
    } else removed.push(p);
  }
  for (const p of [...removed]) {
    const to = [...unmatchedA.values()].find((q) => q.name.toLowerCase() === p.name.toLowerCase());
    if (!to) continue;
    removed.splice(removed.indexOf(p), 1);
    unmatchedA.delete(paramKey(to.name, to.in));
    moved.push([p, to]);
  }
  return { pairs, moved, removed, added: [...unmatchedA.values()] };
}

export function diffParameters(ctx: DiffContext, b: Located, a: Located): Change[] {
  const { pairs, moved, removed, added } = matchParameters(parametersOf(ctx.before, b), parametersOf(ctx.after, a));
  const changes: Change[] = [];
  for (const [p, to] of moved)
    // one change, not a removal and an addition
    changes.push(
      change(
        "request-parameter-location-changed",
        message`parameter ${specName(p.name)} moved from ${specValue(p.in)} to ${specValue(to.in)}`,
        to.pointer,
      ),
    );
  for (const p of removed) changes.push(removedParameter(p, ctx.now));
  for (const p of added) {
    const kind = p.required ? "required" : "optional";
    const rule = p.onPath ? `new-${kind}-request-default-parameter-to-existing-path` : `new-${kind}-request-parameter`;
    changes.push(change(rule, [`${kind} `, ...parameter(p), " added"], p.pointer));
  }
  for (const pair of [...pairs, ...moved]) changes.push(...diffParameter(ctx, ...pair));
  return changes;
}

/** `query parameter \`name\`` */
const parameter = (p: Parameter): Message => message`${specValue(p.in)} parameter ${specName(p.name)}`;

/** Gone from the client's types, and a server may reject it; unless it was deprecated and its sunset date passed. */
function removedParameter(p: Parameter, now: number): Change {
  const { state, date } = sunset(p.raw, now);
  const what = parameter(p);
  if (state === "past")
    return change(
      "request-parameter-removed-with-deprecation",
      [...what, ...message` removed after its sunset date ${specValue(date!)}`],
      p.pointer,
      "old",
    );
  if (state === "pending")
    return change(
      "request-parameter-removed-before-sunset",
      [
        ...what,
        ...(date === undefined
          ? [" removed before its sunset date (none given)"]
          : message` removed before its sunset date ${specValue(date)}`),
      ],
      p.pointer,
      "old",
    );
  return change("request-parameter-removed", [...what, " removed"], p.pointer, "old");
}

function diffParameter(ctx: DiffContext, pb: Parameter, pa: Parameter): Change[] {
  const what = parameter(pa);
  const [sb, sbp] = followRefs(ctx.before, pb.schema, child(pb.pointer, "schema"));
  const [sa, sap] = followRefs(ctx.after, pa.schema, child(pa.pointer, "schema"));
  const found = [
    ...diffDefault(isObj(sb) ? sb : {}, sbp, isObj(sa) ? sa : {}, sap),
    ...ctx.schemas.compare(sb, sbp, sa, sap, "request", "parameter"),
  ].map((c) => prefixed(c, what));
  if (pb.required === pa.required) return found;
  const now = pa.required ? "required" : "optional";
  const became = [...what, ` is ${pa.required ? "now required" : "no longer required"}`];
  return [change(`request-parameter-became-${now}`, became, pa.pointer), ...found];
}

/** A call that leaves the parameter out gets what the default says; nothing in the types shows a change to it. */
function diffDefault(sb: Obj, bp: string, sa: Obj, ap: string): Change[] {
  const [was, is] = [sb.default, sa.default].map((d) => (d === undefined ? undefined : JSON.stringify(d)));
  if (was === is) return [];
  if (is === undefined)
    return [
      change(
        "request-parameter-default-value-removed",
        message`default ${specValue(was!)} removed`,
        child(bp, "default"),
        "old",
      ),
    ];
  const where = child(ap, "default");
  if (was === undefined)
    return [change("request-parameter-default-value-added", message`default ${specValue(is)} added`, where)];
  return [
    change(
      "request-parameter-default-value-changed",
      message`default changed from ${specValue(was)} to ${specValue(is)}`,
      where,
    ),
  ];
}

function firstMediaSchema(content: unknown): unknown {
  if (!isObj(content)) return undefined;
  const first = Object.values(content)[0];
  return isObj(first) ? first.schema : undefined;
}
