// The operations src/ calls, as spec:update needs them: declared in src/called-operations.ts, next to the code.
export { calledOperations, type CalledOperation } from "../../src/called-operations.js";
