import { spawn } from "node:child_process";

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningNode {
  /** resolves once the process has exited and its output is closed */
  exited: Promise<RunResult>;
  /**
   * The next line the process prints on stdout, waiting up to `ms` for it (a deadline for a line that
   * must come, never a measure of speed). Rejects with stderr if the process exits first.
   */
  nextLine(ms: number): Promise<string>;
  /** Ends the process (SIGTERM) and waits for it. */
  stop(): Promise<RunResult>;
}

/**
 * Starts `node <args>` in a folder, with its output collected and its stdout also readable line by
 * line (for long-running commands such as `generate -- --watch`). INIT_CWD is set to the folder, as
 * `npm run` would set it there.
 */
export function startNode(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): RunningNode {
  return startProgram(process.execPath, args, cwd, env);
}

/** The same for another program: the workflow test runs a workflow step's `run:` with bash, as GitHub does. */
export function startProgram(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunningNode {
  const child = spawn(file, args, {
    cwd,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", INIT_CWD: cwd, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let unread = "";
  const lines: string[] = [];
  let wake: () => void = () => {};
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    unread += chunk.toString();
    const parts = unread.split("\n");
    unread = parts.pop()!;
    lines.push(...parts);
    wake();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<RunResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
  let done = false;
  const end = () => ((done = true), wake());
  exited.then(end, end);

  async function nextLine(ms: number): Promise<string> {
    const deadline = Date.now() + ms;
    while (lines.length === 0) {
      if (done) throw new Error(`the process exited (${child.exitCode}) before printing a line: ${stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no line within ${ms} ms; stderr: ${stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => (clearTimeout(timer), resolve());
      });
    }
    return lines.shift()!;
  }

  return {
    exited,
    nextLine,
    async stop() {
      if (!done) child.kill("SIGTERM");
      return exited;
    },
  };
}

/**
 * Runs `node <args>` in a folder to its end, without blocking the event loop (unlike spawnSync), so
 * that heavy cases in a `describe.concurrent` block run side by side, and a test's local HTTP server
 * can answer.
 */
export function runNode(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return startNode(cwd, args, env).exited;
}

/** runNode for another program (see startProgram). */
export function runProgram(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return startProgram(file, args, cwd, env).exited;
}
