import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyProject, type ProjectCopy } from "./helpers/project-copy.js";

const output = "generated/trieve.ts";
const spec = "spec/trieve.yaml";

/** `npm run generate -- --watch` in a project copy, with its stdout as a queue of lines. */
function startWatch(project: ProjectCopy) {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["scripts/launch.mjs", "generate.ts", "--watch"],
    { cwd: project.dir, env: { ...process.env, NO_COLOR: "1" } },
  );
  const lines: string[] = [];
  let stderr = "";
  let wake: (() => void) | undefined;
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    lines.push(...parts);
    wake?.();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    child,
    lines,
    /** the next line printed, within `ms` */
    async next(ms = 20_000): Promise<string> {
      const deadline = Date.now() + ms;
      while (lines.length === 0) {
        if (child.exitCode !== null) throw new Error(`watch exited (${child.exitCode}): ${stderr}`);
        if (Date.now() > deadline) throw new Error(`no line within ${ms} ms; stderr: ${stderr}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100);
        });
      }
      return lines.shift()!;
    },
    async stop(): Promise<void> {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(child.pid!, "SIGTERM");
      await exited;
    },
  };
}

let project: ProjectCopy;
let watcher: ReturnType<typeof startWatch> | undefined;
beforeEach(() => {
  project = copyProject();
});
afterEach(async () => {
  await watcher?.stop();
  watcher = undefined;
  project.remove();
});

describe("npm run generate -- --watch", () => {
  it("regenerates on each save, reports a broken save and keeps watching, and debounces bursts", async () => {
    const original = project.read(spec);
    watcher = startWatch(project);
    expect(await watcher.next()).toMatch(
      /watching spec\/ and redocly\.yaml \(ready in \d+ ms\): initial build → unchanged/,
    );

    writeFileSync(project.file(spec), original.replace("Delete User Api Key", "Delete a user API key"));
    const changed = await watcher.next();
    expect(changed).toMatch(
      /spec\/trieve\.yaml changed → wrote generated\/trieve\.ts in \d+ ms: lint \d+ ms \(0 errors, 1 warning\), generate \d+ ms, format \d+ ms, typecheck \d+ ms$/,
    );
    expect(project.read(output)).toContain("Delete a user API key");
    const good = readFileSync(project.file(output));

    writeFileSync(project.file(spec), `${original}\nfoo: [\n`);
    expect(await watcher.next()).toMatch(
      /spec\/trieve\.yaml changed → ✖ spec\/trieve\.yaml:\d+:\d+: \[parser\] not valid YAML or JSON.*generated\/trieve\.ts left unchanged, still watching/,
    );
    expect(readFileSync(project.file(output)).equals(good)).toBe(true);

    // An editor's save burst: three writes in a row make one run, of the last content.
    for (const title of ["Burst one", "Burst two", "Burst three"]) {
      writeFileSync(project.file(spec), original.replace("Delete User Api Key", title));
    }
    expect(await watcher.next()).toMatch(/spec\/trieve\.yaml changed → wrote generated\/trieve\.ts/);
    expect(project.read(output)).toContain("Burst three");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(watcher.lines).toEqual([]);
    expect(watcher.child.exitCode).toBeNull();
  }, 60_000);

  it("a save of redocly.yaml reruns lint with the new rules", async () => {
    watcher = startWatch(project);
    await watcher.next();
    const config = project.read("redocly.yaml");
    writeFileSync(project.file("redocly.yaml"), `${config}  no-server-example.com: error\n`);
    expect(await watcher.next()).toMatch(
      /redocly\.yaml changed → ✖ spec\/trieve\.yaml:\d+:\d+: \[no-server-example\.com\].*left unchanged, still watching/,
    );
    writeFileSync(project.file("redocly.yaml"), config);
    expect(await watcher.next()).toMatch(/redocly\.yaml changed → (wrote|unchanged) generated\/trieve\.ts/);
  }, 60_000);
});
