import { child, followRefs, pointer } from "./json-pointer.js";
import { SchemaDiffer, type SchemaChange, type Side } from "./schema-diff.js";

export type ChangeKind =
  | "operation-added"
  | "operation-removed"
  | "operation-id-changed"
  | "parameter-added"
  | "parameter-removed"
  | "parameter-required-changed"
  | "parameter-location-changed"
  | "parameter-schema-changed"
  | "request-body-added"
  | "request-body-removed"
  | "request-body-required-changed"
  | "request-media-type-added"
  | "request-media-type-removed"
  | "request-schema-changed"
  | "response-added"
  | "response-removed"
  | "response-media-type-added"
  | "response-media-type-removed"
  | "response-schema-changed"
  | "security-changed";

export interface Change extends SchemaChange {
  kind: ChangeKind;
}

export interface OperationDiff {
  method: string;
  path: string;
  /** the new operationId (the old one for a removed operation) */
  operationId: string | undefined;
  /** set when the operationId changed */
  previousOperationId?: string;
  status: "added" | "removed" | "changed";
  breaking: boolean;
  changes: Change[];
}

export interface SpecDiff {
  /** added, removed and changed operations, in path then method order; unchanged ones are left out */
  operations: OperationDiff[];
  counts: {
    added: number;
    removed: number;
    changed: number;
    renamed: number;
    breakingChanges: number;
    nonBreakingChanges: number;
  };
}

type Doc = Record<string, unknown>;
type Obj = Record<string, unknown>;

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** `DELETE /api/user/api_key/{api_key_id}`: how operations are named in reports and matched between specs. */
export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/**
 * The semantic diff of two OpenAPI 3.x documents, by operation (method + path), each change classified
 * as breaking or not for a client that calls the API. See the README, "Updating the spec", for the rules
 * and for why this is written here rather than taken from api-smart-diff or openapi-diff.
 */
export function diffSpecs(before: Doc, after: Doc): SpecDiff {
  const schemas = new SchemaDiffer(before, after);
  const opsB = listOperations(before);
  const opsA = listOperations(after);
  const operations: OperationDiff[] = [];
  for (const key of [...new Set([...opsB.keys(), ...opsA.keys()])]) {
    const b = opsB.get(key);
    const a = opsA.get(key);
    if (b && !a) {
      const change: Change = {
        kind: "operation-removed",
        breaking: true,
        message: "operation removed",
        pointer: b.pointer,
        in: "old",
      };
      operations.push({
        ...b.ref,
        operationId: b.op.operationId as string | undefined,
        status: "removed",
        breaking: true,
        changes: [change],
      });
    } else if (a && !b) {
      const change: Change = {
        kind: "operation-added",
        breaking: false,
        message: "operation added",
        pointer: a.pointer,
        in: "new",
      };
      operations.push({
        ...a.ref,
        operationId: a.op.operationId as string | undefined,
        status: "added",
        breaking: false,
        changes: [change],
      });
    } else if (a && b) {
      const changes = dedupe(diffOperation(before, b, after, a, schemas));
      if (changes.length === 0) continue;
      const diff: OperationDiff = {
        ...a.ref,
        operationId: a.op.operationId as string | undefined,
        status: "changed",
        breaking: changes.some((c) => c.breaking),
        changes: sortChanges(changes),
      };
      if (b.op.operationId !== a.op.operationId) diff.previousOperationId = b.op.operationId as string | undefined;
      operations.push(diff);
    }
  }
  operations.sort(
    (x, y) => x.path.localeCompare(y.path) || methods.indexOf(x.method as never) - methods.indexOf(y.method as never),
  );
  const all = operations.flatMap((o) => o.changes);
  return {
    operations,
    counts: {
      added: operations.filter((o) => o.status === "added").length,
      removed: operations.filter((o) => o.status === "removed").length,
      changed: operations.filter((o) => o.status === "changed").length,
      renamed: operations.filter((o) => o.previousOperationId !== undefined).length,
      breakingChanges: all.filter((c) => c.breaking).length,
      nonBreakingChanges: all.filter((c) => !c.breaking).length,
    },
  };
}

interface Located {
  ref: { method: string; path: string };
  op: Obj;
  pathItem: Obj;
  pointer: string;
}

function listOperations(doc: Doc): Map<string, Located> {
  const result = new Map<string, Located>();
  const paths = isObj(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const [pathItem, itemPointer] = followRefs(doc, rawItem, pointer("paths", path));
    if (!isObj(pathItem)) continue;
    for (const method of methods) {
      const op = pathItem[method];
      if (isObj(op))
        result.set(operationKey(method, path), {
          ref: { method, path },
          op,
          pathItem,
          pointer: child(itemPointer, method),
        });
    }
  }
  return result;
}

function diffOperation(before: Doc, b: Located, after: Doc, a: Located, schemas: SchemaDiffer): Change[] {
  const changes: Change[] = [];
  if (b.op.operationId !== a.op.operationId)
    changes.push({
      kind: "operation-id-changed",
      // openapi-typescript keys `operations[...]` by operationId: code that names the old one stops compiling
      breaking: true,
      message: `operationId changed from \`${String(b.op.operationId)}\` to \`${String(a.op.operationId)}\``,
      pointer: child(a.pointer, "operationId"),
      in: "new",
    });
  changes.push(...diffParameters(before, b, after, a, schemas));
  changes.push(...diffRequestBody(before, b, after, a, schemas));
  changes.push(...diffResponses(before, b, after, a, schemas));
  changes.push(...diffSecurity(before, b, after, a));
  return changes;
}

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: unknown;
  pointer: string;
}

/** Path-level parameters, overridden by operation-level ones with the same name and location (OpenAPI 3.0 §4.7.9). */
function parametersOf(doc: Doc, located: Located): Parameter[] {
  const byKey = new Map<string, Parameter>();
  const itemPointer = located.pointer.slice(0, located.pointer.lastIndexOf("/"));
  const collect = (list: unknown, base: string) => {
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
      });
    });
  };
  collect(located.pathItem.parameters, itemPointer);
  collect(located.op.parameters, located.pointer);
  return [...byKey.values()];
}

// Header names are case-insensitive (RFC 9110 §5.1); everything else is matched exactly.
const paramKey = (name: string, location: string) => `${location}:${location === "header" ? name.toLowerCase() : name}`;

function diffParameters(before: Doc, b: Located, after: Doc, a: Located, schemas: SchemaDiffer): Change[] {
  const changes: Change[] = [];
  const listB = parametersOf(before, b);
  const listA = parametersOf(after, a);
  const unmatchedA = new Map(listA.map((p) => [paramKey(p.name, p.in), p]));
  const unmatchedB: Parameter[] = [];
  const pairs: Array<[Parameter, Parameter]> = [];
  for (const p of listB) {
    const match = unmatchedA.get(paramKey(p.name, p.in));
    if (match) {
      pairs.push([p, match]);
      unmatchedA.delete(paramKey(p.name, p.in));
    } else unmatchedB.push(p);
  }
  // A parameter that kept its name but moved (query → header, say) is one change, not a removal and an addition.
  for (const p of [...unmatchedB]) {
    const moved = [...unmatchedA.values()].find((q) => q.name.toLowerCase() === p.name.toLowerCase());
    if (!moved) continue;
    unmatchedB.splice(unmatchedB.indexOf(p), 1);
    unmatchedA.delete(paramKey(moved.name, moved.in));
    changes.push({
      kind: "parameter-location-changed",
      breaking: true,
      message: `parameter \`${p.name}\` moved from ${p.in} to ${moved.in}`,
      pointer: moved.pointer,
      in: "new",
    });
    pairs.push([p, moved]);
  }
  for (const p of unmatchedB)
    changes.push({
      kind: "parameter-removed",
      // the client's types no longer accept it, and a server may reject it
      breaking: true,
      message: `${p.in} parameter \`${p.name}\` removed`,
      pointer: p.pointer,
      in: "old",
    });
  for (const p of unmatchedA.values())
    changes.push({
      kind: "parameter-added",
      breaking: p.required,
      message: `${p.required ? "required" : "optional"} ${p.in} parameter \`${p.name}\` added`,
      pointer: p.pointer,
      in: "new",
    });
  for (const [pb, pa] of pairs) {
    if (pb.required !== pa.required)
      changes.push({
        kind: "parameter-required-changed",
        breaking: pa.required,
        message: `${pa.in} parameter \`${pa.name}\` is ${pa.required ? "now required" : "no longer required"}`,
        pointer: pa.pointer,
        in: "new",
      });
    for (const change of schemas.compare(
      pb.schema,
      child(pb.pointer, "schema"),
      pa.schema,
      child(pa.pointer, "schema"),
      "request",
    ))
      changes.push({
        ...change,
        kind: "parameter-schema-changed",
        message: `${pa.in} parameter \`${pa.name}\`: ${change.message}`,
      });
  }
  return changes;
}

function diffRequestBody(before: Doc, b: Located, after: Doc, a: Located, schemas: SchemaDiffer): Change[] {
  const [bodyB, pb] = followRefs(before, b.op.requestBody, child(b.pointer, "requestBody"));
  const [bodyA, pa] = followRefs(after, a.op.requestBody, child(a.pointer, "requestBody"));
  if (!isObj(bodyB) && !isObj(bodyA)) return [];
  if (!isObj(bodyA))
    return [{ kind: "request-body-removed", breaking: true, message: "request body removed", pointer: pb, in: "old" }];
  if (!isObj(bodyB)) {
    const required = bodyA.required === true;
    return [
      {
        kind: "request-body-added",
        breaking: required,
        message: `${required ? "required" : "optional"} request body added`,
        pointer: pa,
        in: "new",
      },
    ];
  }
  const changes: Change[] = [];
  if ((bodyB.required === true) !== (bodyA.required === true))
    changes.push({
      kind: "request-body-required-changed",
      breaking: bodyA.required === true,
      message: `request body is ${bodyA.required === true ? "now required" : "no longer required"}`,
      pointer: pa,
      in: "new",
    });
  changes.push(
    ...diffContent(bodyB.content, child(pb, "content"), bodyA.content, child(pa, "content"), "request", schemas).map(
      (c) => ({ ...c, message: `request body: ${c.message}` }),
    ),
  );
  return changes;
}

function diffResponses(before: Doc, b: Located, after: Doc, a: Located, schemas: SchemaDiffer): Change[] {
  const changes: Change[] = [];
  const responsesB = isObj(b.op.responses) ? b.op.responses : {};
  const responsesA = isObj(a.op.responses) ? a.op.responses : {};
  for (const code of new Set([...Object.keys(responsesB), ...Object.keys(responsesA)])) {
    const [rb, pb] = followRefs(before, responsesB[code], child(b.pointer, "responses", code));
    const [ra, pa] = followRefs(after, responsesA[code], child(a.pointer, "responses", code));
    if (!isObj(ra) && isObj(rb))
      // the client's types for this status (its data or its error) are gone
      changes.push({
        kind: "response-removed",
        breaking: true,
        message: `response ${code} removed`,
        pointer: pb,
        in: "old",
      });
    else if (isObj(ra) && !isObj(rb))
      changes.push({
        kind: "response-added",
        breaking: false,
        message: `response ${code} added`,
        pointer: pa,
        in: "new",
      });
    else if (isObj(ra) && isObj(rb))
      changes.push(
        ...diffContent(rb.content, child(pb, "content"), ra.content, child(pa, "content"), "response", schemas).map(
          (c) => ({
            ...c,
            message: `response ${code}: ${c.message}`,
          }),
        ),
      );
  }
  return changes;
}

function diffContent(
  contentB: unknown,
  pb: string,
  contentA: unknown,
  pa: string,
  side: Side,
  schemas: SchemaDiffer,
): Change[] {
  const changes: Change[] = [];
  const mediaB = isObj(contentB) ? contentB : {};
  const mediaA = isObj(contentA) ? contentA : {};
  for (const type of new Set([...Object.keys(mediaB), ...Object.keys(mediaA)])) {
    const mb = mediaB[type];
    const ma = mediaA[type];
    if (isObj(mb) && !isObj(ma))
      changes.push({
        kind: side === "request" ? "request-media-type-removed" : "response-media-type-removed",
        breaking: true,
        message: `media type ${type} removed`,
        pointer: child(pb, type),
        in: "old",
      });
    else if (isObj(ma) && !isObj(mb))
      changes.push({
        kind: side === "request" ? "request-media-type-added" : "response-media-type-added",
        // a client could not send it before; reading it is new only if it asks for it (Accept)
        breaking: false,
        message: `media type ${type} added`,
        pointer: child(pa, type),
        in: "new",
      });
    else if (isObj(ma) && isObj(mb))
      for (const change of schemas.compare(
        mb.schema,
        child(pb, type, "schema"),
        ma.schema,
        child(pa, type, "schema"),
        side,
      ))
        changes.push({ ...change, kind: side === "request" ? "request-schema-changed" : "response-schema-changed" });
  }
  return changes;
}

/**
 * Security as a client sees it: the list of alternatives (each a set of schemes) it may satisfy.
 * An alternative that disappears is breaking unless the operation became public; a new one is not.
 */
function diffSecurity(before: Doc, b: Located, after: Doc, a: Located): Change[] {
  const alternatives = (doc: Doc, op: Obj) => {
    const list = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
    if (list.length === 0) return new Map([["(none)", ""]]);
    return new Map(
      (list as unknown[]).filter(isObj).map((req) => {
        const names = Object.keys(req).sort();
        const scopes = names
          .map((n) => `${n}[${(Array.isArray(req[n]) ? (req[n] as string[]) : []).join(",")}]`)
          .join(" + ");
        return [names.length === 0 ? "(none)" : names.join(" + "), scopes];
      }),
    );
  };
  const altB = alternatives(before, b.op);
  const altA = alternatives(after, a.op);
  const where = child(a.pointer, "security");
  const changes: Change[] = [];
  const removed = [...altB.keys()].filter((k) => !altA.has(k));
  const added = [...altA.keys()].filter((k) => !altB.has(k));
  if (removed.length > 0 || added.length > 0)
    changes.push({
      kind: "security-changed",
      breaking: removed.length > 0 && !altA.has("(none)"),
      message: `security changed from ${[...altB.keys()].join(" or ")} to ${[...altA.keys()].join(" or ")}`,
      pointer: where,
      in: "new",
    });
  for (const [key, scopes] of altA)
    if (altB.has(key) && altB.get(key) !== scopes)
      // scopes are the server's authorisation: the client sends the same credential
      changes.push({
        kind: "security-changed",
        breaking: false,
        message: `scopes changed from ${altB.get(key)} to ${scopes}`,
        pointer: where,
        in: "new",
      });
  // The same scheme name may now mean another header or another kind of credential.
  const schemesB =
    isObj(before.components) && isObj(before.components.securitySchemes) ? before.components.securitySchemes : {};
  const schemesA =
    isObj(after.components) && isObj(after.components.securitySchemes) ? after.components.securitySchemes : {};
  for (const key of altA.keys())
    for (const name of key === "(none)" || !altB.has(key) ? [] : key.split(" + ")) {
      const [sb, sa] = [schemesB[name], schemesA[name]].map((s) =>
        isObj(s) ? JSON.stringify([s.type, s.in, s.name, s.scheme]) : "",
      );
      if (sb !== sa)
        changes.push({
          kind: "security-changed",
          breaking: true,
          message: `security scheme \`${name}\` changed`,
          pointer: pointer("components", "securitySchemes", name),
          in: "new",
        });
    }
  return changes;
}

function firstMediaSchema(content: unknown): unknown {
  if (!isObj(content)) return undefined;
  const first = Object.values(content)[0];
  return isObj(first) ? first.schema : undefined;
}

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One change reached twice (a component used by both the 200 and the 201 answer) is listed once. */
function dedupe(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.kind}\0${c.message}\0${c.pointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Breaking first, then in the order they were found. */
function sortChanges(changes: Change[]): Change[] {
  return [...changes.filter((c) => c.breaking), ...changes.filter((c) => !c.breaking)];
}
