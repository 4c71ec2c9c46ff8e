import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { loadPackage } from "../scripts/codegen/load-package.js";
import { projectRoot } from "./helpers/project-copy.js";
import { sharedSpec } from "./helpers/shared-specs.js";

// scripts/load-package.ts runs esbuild bundles of the tools; these must behave as the packages do.
const spec = `${projectRoot}spec/trieve.yaml`;
const bigSpec = sharedSpec("0.13.0");

async function problems(redocly: typeof import("redocly-openapi-core"), file: string): Promise<string[]> {
  const config = await redocly.loadConfig({ configPath: `${projectRoot}redocly.yaml` });
  const document = redocly.makeDocumentFromString(readFileSync(file, "utf8"), file);
  const found = await redocly.lintDocument({
    document,
    config,
    externalRefResolver: new redocly.BaseResolver(config.resolve),
  });
  return found.map((p) => `${p.severity} ${p.ruleId} ${p.message}`);
}

describe("loadPackage: bundled tools give the same results as the installed packages", () => {
  it.each([
    ["the seed spec", spec],
    ["Trieve 0.13.0", bigSpec],
  ])(
    "openapi-typescript and Redocly's lint, on %s",
    async (_name, file) => {
      const bundled = loadPackage("openapi-typescript") as typeof import("openapi-typescript");
      const installed = await import("openapi-typescript");
      const url = pathToFileURL(file);
      expect(bundled.astToString(await bundled.default(url, { silent: true }))).toBe(
        installed.astToString(await installed.default(url, { silent: true })),
      );
      const bundledLint = await problems(
        loadPackage("redocly-openapi-core") as typeof import("redocly-openapi-core"),
        file,
      );
      expect(bundledLint.length).toBeGreaterThan(0);
      expect(bundledLint).toEqual(await problems(await import("redocly-openapi-core"), file));
    },
    60_000,
  );
});
