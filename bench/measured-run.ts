import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface MeasuredRun {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /**
   * The largest peak resident set (VmHWM) of any process of the command's tree, in MB: for `npm run x`,
   * the tool's process rather than npm's (kB / 1024: MiB, though named Mb). NaN where /proc does not exist (not Linux).
   */
  peakMb: number;
}

/** A field of /proc/<pid>/status in kB, or 0 if the process is gone. */
function statusKb(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The pid and its descendants, from /proc/<pid>/task/<tid>/children (Linux 3.5+). */
function tree(pid: number, found: number[] = []): number[] {
  found.push(pid);
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean))
      tree(Number(child), found);
  } catch {
    // gone already
  }
  return found;
}

/** How often the tree's peaks are read: cheap (a few small /proc reads), and VmHWM never goes down. */
const sampleMs = 20;
const hasProc = (() => {
  try {
    readFileSync("/proc/self/status");
    return true;
  } catch {
    return false;
  }
})();

/**
 * Runs a command to its end: wall time from spawn to exit, output, and the peak RSS of its process tree,
 * sampled from /proc every 20 ms (each process's VmHWM is its own peak so far, so a sample late in a
 * process's life sees nearly all of it; only growth in its last 20 ms can be missed).
 */
export async function measuredRun(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<MeasuredRun> {
  const start = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const peaks = new Map<number, number>();
  const sample = () => {
    if (child.pid === undefined) return;
    for (const pid of tree(child.pid)) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, statusKb(pid, "VmHWM")));
  };
  const timer = hasProc ? setInterval(sample, sampleMs) : undefined;
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  clearInterval(timer);
  const peakMb = hasProc ? Math.max(0, ...peaks.values()) / 1024 : Number.NaN;
  return { ms: performance.now() - start, code, stdout, stderr, peakMb };
}
