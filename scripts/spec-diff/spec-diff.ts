import { diffRequestBody, diffResponses } from "./bodies.js";
import { child } from "./json-pointer.js";
import { isObj, listOperations, methods, sunset, type DiffContext, type Located, type Obj } from "./operations.js";
import { diffParameters } from "./parameters.js";
import { message, specName, specValue } from "./message.js";
import { change, levels, type Change, type Level } from "./rules.js";
import { SchemaDiffer } from "./schema-diff.js";
import { diffSecurity } from "./security.js";

export { operationKey } from "./operations.js";
export type { Change, Level } from "./rules.js";

export interface OperationDiff {
  method: string;
  path: string;
  /** the new operationId (the old one for a removed operation) */
  operationId: string | undefined;
  /** set when the operationId changed */
  previousOperationId?: string;
  status: "added" | "removed" | "changed";
  /** whether any of its changes is `breaking` */
  breaking: boolean;
  /** most severe first (breaking, warning, info), then in the order they were found */
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
    /** changes at level `breaking`: `spec:update` refuses to write when there is one */
    breakingChanges: number;
    /** warningChanges + infoChanges */
    nonBreakingChanges: number;
    warningChanges: number;
    infoChanges: number;
  };
}

export interface DiffOptions {
  /** the time `x-sunset` dates are compared with (defaults to now) */
  now?: Date;
}

/**
 * The semantic diff of two OpenAPI 3.x documents, by operation (method + path), each change a rule of
 * rules.ts with its level. See docs/breaking-changes.md for the rules and for why this is written
 * here rather than taken from api-smart-diff or openapi-diff.
 */
export function diffSpecs(before: Obj, after: Obj, options: DiffOptions = {}): SpecDiff {
  const ctx: DiffContext = {
    before,
    after,
    schemas: new SchemaDiffer(before, after),
    now: (options.now ?? new Date()).getTime(),
  };
  const opsB = listOperations(before);
  const opsA = listOperations(after);
  const operations: OperationDiff[] = [];
  for (const key of new Set([...opsB.keys(), ...opsA.keys()])) {
    const [b, a] = [opsB.get(key), opsA.get(key)];
    if (b && !a) operations.push(summary(b, "removed", [removal(ctx, b)]));
    else if (a && !b)
      operations.push(summary(a, "added", [change("endpoint-added", message`operation added`, a.pointer)]));
    else if (a && b) {
      const changes = diffOperation(ctx, b, a);
      if (changes.length === 0) continue;
      const diff = summary(a, "changed", changes);
      if (b.op.operationId !== a.op.operationId) diff.previousOperationId = b.op.operationId as string | undefined;
      operations.push(diff);
    }
  }
  operations.sort(
    (x, y) => x.path.localeCompare(y.path) || methods.indexOf(x.method as never) - methods.indexOf(y.method as never),
  );
  return { operations, counts: count(operations) };
}

function summary(located: Located, status: OperationDiff["status"], changes: Change[]): OperationDiff {
  const sorted = levels.flatMap((level) => changes.filter((c) => c.level === level));
  return {
    ...located.ref,
    operationId: located.op.operationId as string | undefined,
    status,
    breaking: sorted.some((c) => c.level === "breaking"),
    changes: sorted,
  };
}

function count(operations: OperationDiff[]): SpecDiff["counts"] {
  const all = operations.flatMap((o) => o.changes);
  const at = (level: Level) => all.filter((c) => c.level === level).length;
  return {
    added: operations.filter((o) => o.status === "added").length,
    removed: operations.filter((o) => o.status === "removed").length,
    changed: operations.filter((o) => o.status === "changed").length,
    renamed: operations.filter((o) => o.previousOperationId !== undefined).length,
    breakingChanges: at("breaking"),
    nonBreakingChanges: at("warning") + at("info"),
    warningChanges: at("warning"),
    infoChanges: at("info"),
  };
}

/** A removed operation breaks its callers, unless it was deprecated and its `x-sunset` date has passed. */
function removal(ctx: DiffContext, b: Located): Change {
  const pathGone = !isObj(ctx.after.paths) || !(b.ref.path in ctx.after.paths);
  const scope = pathGone ? "api-path" : "api";
  const { state, date } = sunset(b.op, ctx.now);
  if (state === "past")
    return change(
      `${scope}-removed-with-deprecation`,
      message`operation removed after its sunset date ${specValue(date!)}`,
      b.pointer,
      "old",
    );
  if (state === "pending")
    return change(
      `${scope}-removed-before-sunset`,
      date === undefined
        ? message`operation removed before its sunset date (none given)`
        : message`operation removed before its sunset date ${specValue(date)}`,
      b.pointer,
      "old",
    );
  return change(`${scope}-removed-without-deprecation`, message`operation removed`, b.pointer, "old");
}

function diffOperation(ctx: DiffContext, b: Located, a: Located): Change[] {
  const [idB, idA] = [b.op.operationId, a.op.operationId];
  const changes: Change[] = [];
  if (idB !== idA)
    changes.push(
      idB === undefined
        ? change(
            "api-operation-id-added",
            message`operationId ${specName(String(idA))} added`,
            child(a.pointer, "operationId"),
          )
        : // openapi-typescript keys `operations[...]` by operationId: code that names the old one stops compiling
          change(
            "api-operation-id-removed",
            message`operationId changed from ${specName(String(idB))} to ${specName(String(idA))}`,
            child(a.pointer, "operationId"),
          ),
    );
  changes.push(
    ...diffParameters(ctx, b, a),
    ...diffRequestBody(ctx, b, a),
    ...diffResponses(ctx, b, a),
    ...diffSecurity(ctx, b, a),
  );
  return dedupe(changes);
}

/** One change reached twice (a component used by both the 200 and the 201 answer) is listed once. */
function dedupe(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.id}\0${c.message}\0${c.pointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
