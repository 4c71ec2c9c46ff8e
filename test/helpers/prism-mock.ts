import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";

export interface PrismMock {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  pid: number;
  /** stops Prism by its PID and waits until it has exited */
  stop(): Promise<void>;
}

/** Asks the OS for a free port: Prism cannot listen on port 0 and tell us which port it got. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts Prism (`@stoplight/prism-cli`, a mock server driven by the spec: it validates requests
 * and enforces the security scheme) on 127.0.0.1 and a free port, and resolves once it listens.
 */
export async function startPrismMock(specFile: string, { timeoutMs = 30_000 } = {}): Promise<PrismMock> {
  const port = await freePort();
  const bin = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
  const child = spawn(process.execPath, [bin, "mock", "-h", "127.0.0.1", "-p", String(port), specFile], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, "SIGTERM");
    await exited;
  };
  let output = "";
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Prism is listening")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`Prism exited with code ${code} before it listened:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  // Keep draining its log so Prism never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop };
}
