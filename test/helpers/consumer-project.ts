import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A user's TypeScript project in `dir`, as strict as users set theirs (strict, NodeNext, exactOptionalPropertyTypes,
 * skipLibCheck off), checking `consumer.ts`: for the benchmark's consumer checks (bench/consumer-check.ts,
 * bench/scoped-consumer.ts) and the scoped client's type test on 0.13.0 (test/scoped-client.test.ts).
 * `extra` adds compiler options.
 */
export function writeConsumerProject(dir: string, consumer: string, extra: Record<string, unknown> = {}): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"],
        strict: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: false,
        noEmit: true,
        types: [],
        ...extra,
      },
      files: ["consumer.ts"],
    }),
  );
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  writeFileSync(path.join(dir, "consumer.ts"), consumer);
}
