import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import type { ProjectCopy } from "../test/helpers/project-copy.js";
import { median } from "./stats.js";

/**
 * Target (c): with `generate -- --watch` warm, the time from a save of the spec to the line the
 * watcher prints once generated/trieve.ts is written (so debounce included, and a little more).
 */
export async function watchLatency(project: ProjectCopy, saves: number): Promise<number> {
  const child = spawn(process.execPath, ["scripts/launch.mjs", "generate.ts", "--watch"], {
    cwd: project.dir,
    env: { ...process.env, NO_COLOR: "1" },
  });
  let buffer = "";
  let onLine: ((line: string) => void) | undefined;
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      onLine?.(line);
    }
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the watcher printed nothing for 30 s")), 30_000);
      onLine = (line) => {
        clearTimeout(timer);
        resolve(line);
      };
    });
  try {
    await nextLine(); // ready
    const original = project.read("spec/trieve.yaml");
    const times: number[] = [];
    for (let save = -1; save < saves; save++) {
      const written = nextLine();
      const start = performance.now();
      writeFileSync(
        project.file("spec/trieve.yaml"),
        original.replace("Delete User Api Key", `Delete key ${save + 2}`),
      );
      const line = await written;
      const elapsed = performance.now() - start;
      if (!line.includes("wrote")) throw new Error(`the watcher did not write: ${line}`);
      if (save >= 0) times.push(elapsed);
      await new Promise((resolve) => setTimeout(resolve, 100)); // a maintainer does not save every millisecond
    }
    return median(times);
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(child.pid!, "SIGTERM");
    await exited;
  }
}
