import type { paths } from "../generated/trieve.js";
import { deleteUserApiKeyOperation } from "./user.js";

type HttpMethod = "get" | "put" | "post" | "delete" | "patch" | "head" | "options" | "trace";

/** A spec operation that a hand-written function calls. */
export interface CalledOperation {
  method: HttpMethod;
  /** `satisfies` below makes tsc reject a path that generated/ does not have */
  path: keyof paths;
  /** the function of the public API that calls it */
  by: string;
}

/**
 * Every spec operation the hand-written wrapper calls, declared next to the code rather than found by reading it.
 * `npm run spec:update` lists changes to these first; a spec without one is a breaking update, whose report opens
 * with it and its caller. Not exported from index.ts: it is for the maintainers' scripts, and bundlers drop it.
 */
export const calledOperations = [
  { ...deleteUserApiKeyOperation, by: "deleteUserApiKey" },
] as const satisfies readonly CalledOperation[];
