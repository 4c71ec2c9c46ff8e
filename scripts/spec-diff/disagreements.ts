import type { CompilerVerdict } from "./corpus-compile.js";
import { operationKey } from "./operations.js";
import { compilerNoteOf, type CompilerNote } from "./rules.js";
import type { OperationDiff } from "./spec-diff.js";

/** An operation where the rules and the compiler (the usage corpus) disagree. */
export interface Disagreement {
  method: string;
  path: string;
  operationId: string | undefined;
  rules: "breaking" | "non-breaking";
  compiler: "breaks" | "compiles";
  /** the breaking rules when the rules say breaking; else every rule of the operation (none when it is unchanged) */
  ruleIds: string[];
  /**
   * `runtime-only` when the rules say breaking and every breaking rule is one TypeScript cannot see; `announced`
   * when the compiler breaks on something removed after its sunset date; absent when nothing explains it: then
   * a rule is wrong (a gap in scripts/spec-diff/), or the corpus is
   */
  explained?: CompilerNote;
}

/**
 * Puts the rules' verdict beside the compiler's for every operation of both specs. An operation the differ did
 * not list (unchanged) is non-breaking by the rules.
 */
export function findDisagreements(
  operations: readonly OperationDiff[],
  verdicts: readonly CompilerVerdict[],
): Disagreement[] {
  const byKey = new Map(operations.map((o) => [operationKey(o.method, o.path), o]));
  const result: Disagreement[] = [];
  for (const v of verdicts) {
    const diff = byKey.get(operationKey(v.method, v.path));
    const breaking = diff?.breaking ?? false;
    if (breaking === (v.compiler === "breaks")) continue;
    const changes = diff?.changes ?? [];
    const ruleIds = [...new Set((breaking ? changes.filter((c) => c.level === "breaking") : changes).map((c) => c.id))];
    const notes = new Set(ruleIds.map(compilerNoteOf));
    const explained = breaking
      ? notes.size === 1 && notes.has("runtime-only")
        ? "runtime-only"
        : undefined
      : notes.has("announced")
        ? "announced"
        : undefined;
    result.push({
      method: v.method,
      path: v.path,
      operationId: v.operationId,
      rules: breaking ? "breaking" : "non-breaking",
      compiler: v.compiler,
      ruleIds,
      ...(explained ? { explained } : {}),
    });
  }
  return result;
}
