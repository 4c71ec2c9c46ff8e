import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./helpers/project-copy.js";

/**
 * Vitest's globalSetup: builds dist/ once with `npm run build`, before any test file runs, for the tests
 * that use the built package (test/runtimes/, package-consumer). One build, not one per file: files run in
 * parallel, and a second tsc rewriting dist/ while another file reads it would race. dist/ is removed
 * first, so that a file deleted from src/ cannot linger in it.
 */
export default function setup(): void {
  rmSync(path.join(projectRoot, "dist"), { recursive: true, force: true });
  execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build", "--silent"], {
    cwd: projectRoot,
    stdio: "inherit",
  });
}
