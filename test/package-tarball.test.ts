import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, projectRoot, type ProjectCopy } from "./helpers/project-copy.js";
import { runNode, runProgram } from "./helpers/run-node.js";

/**
 * The tarball that .github/workflows/release.yml publishes, checked before anyone publishes it: exactly the
 * files we mean to ship, under a size ceiling, and clean by publint and by arethetypeswrong (ESM only).
 * Packed once, in a copy of the project: `npm pack` rebuilds dist/ (prepack), and other test files build ours.
 */

/** The bin of a devDependency, run with this Node like any script (as test/workflows.test.ts runs action-validator). */
function bin(name: string, command: string): string {
  const dir = path.join(projectRoot, "node_modules", name);
  const { bin } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { bin: Record<string, string> };
  return path.join(dir, bin[command]!);
}
const publint = bin("publint", "publint");
const attw = bin("@arethetypeswrong/cli", "attw");

// Measured with Trieve's full 0.13.0 spec in spec/ (generated/trieve.ts 473 kB): 105 kB packed, 724 kB
// unpacked, most of it dist/generated/trieve.d.ts. The ceilings leave room for the spec to grow by a third;
// a stray folder (spec/, test fixtures, generated/ and its maps) goes over them.
const packedCeiling = 150_000;
const unpackedCeiling = 1_000_000;

/** attw's verdict lines (`--format ascii`) for the resolutions of the esm-only profile, one per entry point. */
const verdicts = (output: string) => (output.match(/^(node16 \(from ESM\)|bundler): .*$/gm) ?? []).map((l) => l.trim());

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: Array<{ path: string }>;
}

let project: ProjectCopy;
let out: string;
let packed: Packed;
let tarball: string;

beforeAll(async () => {
  project = copyProject(["src", "tsconfig.build.json", "README.md", "LICENSE", "CHANGELOG.md"]);
  out = mkdtempSync(path.join(tmpdir(), "trieve-tarball-"));
  const result = await runProgram("npm", ["pack", "--json", "--pack-destination", out], project.dir);
  expect(result.stderr).not.toMatch(/npm error/);
  expect(result.code).toBe(0);
  packed = (JSON.parse(result.stdout) as Packed[])[0]!;
  tarball = path.join(out, packed.filename);
}, 60_000);

afterAll(() => {
  project?.remove();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("holds exactly package.json, the docs, dist/ with maps for src/, and src/ for the maps to point at", () => {
    const modules = readdirSync(path.join(projectRoot, "src"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.replace(/\.ts$/, ""));
    expect(modules).toContain("index");
    const expected = [
      "package.json",
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      ...modules.flatMap((m) => [
        `src/${m}.ts`,
        `dist/src/${m}.js`,
        `dist/src/${m}.js.map`,
        `dist/src/${m}.d.ts`,
        `dist/src/${m}.d.ts.map`,
      ]),
      // Types, and the client's table of scoped operations: no maps, and no generated/ (its declaration files read
      // as its source).
      "dist/generated/trieve.js",
      "dist/generated/trieve.d.ts",
      "dist/generated/scoped-headers.js",
      "dist/generated/scoped-headers.d.ts",
    ];
    expect(packed.files.map((f) => f.path).sort()).toEqual(expected.sort());
  });

  it(`stays under ${packedCeiling / 1000} kB packed and ${unpackedCeiling / 1_000_000} MB unpacked`, () => {
    expect(packed.size).toBeGreaterThan(0);
    expect(packed.size).toBeLessThanOrEqual(packedCeiling);
    expect(packed.unpackedSize).toBeLessThanOrEqual(unpackedCeiling);
  });

  it("every source map points at a file that ships (stack traces and go-to-definition land in src/)", async () => {
    const unpacked = mkdtempSync(path.join(tmpdir(), "trieve-unpacked-"));
    try {
      const untar = await runProgram("tar", ["-xzf", tarball, "-C", unpacked], out);
      expect(untar.code).toBe(0);
      const root = path.join(unpacked, "package");
      const maps = packed.files.map((f) => f.path).filter((f) => f.endsWith(".map"));
      expect(maps.length).toBeGreaterThan(0);
      for (const map of maps) {
        const { sources } = JSON.parse(readFileSync(path.join(root, map), "utf8")) as { sources: string[] };
        for (const source of sources) {
          const shipped = path.relative(root, path.resolve(root, path.dirname(map), source));
          expect(shipped, `${map} → ${source}`).toMatch(/^src\//);
          expect(packed.files.map((f) => f.path)).toContain(shipped);
        }
      }
    } finally {
      rmSync(unpacked, { recursive: true, force: true });
    }
  });

  it.concurrent("passes publint (strict) and arethetypeswrong (--profile esm-only)", async () => {
    const [lint, types] = await Promise.all([
      runNode(out, [publint, "run", tarball, "--strict"]),
      runNode(out, [attw, tarball, "--profile", "esm-only", "--format", "ascii"]),
    ]);
    expect(lint.stdout + lint.stderr).toContain("All good!");
    expect(lint.code).toBe(0);
    // Green for both entry points under node16 (from ESM) and bundler; CommonJS and node10 are out of the profile.
    const found = verdicts(types.stdout + types.stderr);
    expect(found).toHaveLength(4);
    for (const verdict of found) expect(verdict).toContain("🟢");
    expect(types.code).toBe(0);
  });

  it.concurrent("both checkers fail a tarball whose ./types subpath points at a missing declaration file", async () => {
    // The same files, repacked by hand with one broken export: so the test above can fail.
    const broken = mkdtempSync(path.join(tmpdir(), "trieve-broken-"));
    try {
      await runProgram("tar", ["-xzf", tarball, "-C", broken], out);
      const manifest = path.join(broken, "package", "package.json");
      const json = JSON.parse(readFileSync(manifest, "utf8")) as {
        exports: Record<string, Record<string, string>>;
      };
      json.exports["./types"]!.types = "./dist/generated/missing.d.ts";
      writeFileSync(manifest, JSON.stringify(json, null, 2));
      const brokenTarball = path.join(broken, "broken.tgz");
      expect((await runProgram("tar", ["-czf", brokenTarball, "-C", broken, "package"], broken)).code).toBe(0);
      const [lint, types] = await Promise.all([
        runNode(broken, [publint, "run", brokenTarball, "--strict"]),
        runNode(broken, [attw, brokenTarball, "--profile", "esm-only", "--format", "ascii"]),
      ]);
      expect(lint.stdout + lint.stderr).toMatch(/missing\.d\.ts/);
      expect(lint.code).not.toBe(0);
      // attw falls back to the JavaScript file: the subpath's verdicts turn from 🟢 to 🐛.
      expect(verdicts(types.stdout + types.stderr).filter((v) => !v.includes("🟢"))).toEqual([
        "node16 (from ESM): 🐛 Used fallback condition",
        "bundler: 🐛 Used fallback condition",
      ]);
      expect(types.code).not.toBe(0);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
