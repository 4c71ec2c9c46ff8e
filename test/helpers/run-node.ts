import { spawn } from "node:child_process";

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <args>` in a folder without blocking the event loop (unlike spawnSync), so that heavy
 * cases in a `describe.concurrent` block run side by side, and a test's local HTTP server can answer.
 * INIT_CWD is set to the folder, as `npm run` would set it there.
 */
export function runNode(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return runProgram(process.execPath, args, cwd, env);
}

/** The same for another program: the workflow test runs a workflow step's `run:` with bash, as GitHub does. */
export function runProgram(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", INIT_CWD: cwd, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
