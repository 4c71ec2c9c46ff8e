import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "./helpers/project-copy.js";

/**
 * .github/dependabot.yml, read as Dependabot reads it. action-validator checks workflows and actions only, so the
 * rules the project sets for its updates are checked here: every place with a lockfile, weekly, a cooldown, minor
 * and patch grouped, and each ignore rule with its reason, about a dependency the project still has.
 */

interface Update {
  "package-ecosystem": string;
  directory: string;
  schedule: { interval: string };
  cooldown?: Record<string, number>;
  groups?: Record<string, { "update-types"?: string[] }>;
  ignore?: Array<{ "dependency-name": string; "update-types"?: string[]; versions?: string[] }>;
}
interface Config {
  version: number;
  updates: Update[];
}

const file = path.join(projectRoot, ".github", "dependabot.yml");
const text = readFileSync(file, "utf8");

/** The dependencies of the package.json in a Dependabot `directory`, by name, with their specifiers. */
function dependenciesOf(directory: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, directory, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return { ...pkg.dependencies, ...pkg.devDependencies };
}

/** What breaks the project's rules for Dependabot, one message per problem. */
function dependabotProblems(config: Config, source: string): string[] {
  const problems: string[] = [];
  if (config.version !== 2) problems.push(`version ${config.version}, not 2`);
  const places = config.updates.map((u) => `${u["package-ecosystem"]} ${u.directory}`);
  for (const place of ["npm /", "npm /test/runtimes", "github-actions /"])
    if (!places.includes(place)) problems.push(`no updates for ${place}`);
  for (const update of config.updates) {
    const place = `${update["package-ecosystem"]} ${update.directory}`;
    if (update.schedule.interval !== "weekly") problems.push(`${place}: ${update.schedule.interval}, not weekly`);
    const days = update.cooldown?.["default-days"] ?? 0;
    if (days < 3) problems.push(`${place}: a cooldown of ${days} days`);
    // github-actions takes default-days alone: per-semver days there make Dependabot reject the file.
    if (update["package-ecosystem"] === "github-actions" && Object.keys(update.cooldown ?? {}).length !== 1)
      problems.push(`${place}: cooldown keys other than default-days`);
    const grouped = Object.values(update.groups ?? {}).map((g) => [...(g["update-types"] ?? [])].sort().join(","));
    if (!grouped.includes("minor,patch")) problems.push(`${place}: minor and patch updates not grouped`);
    if (update["package-ecosystem"] !== "npm") continue;
    const dependencies = dependenciesOf(update.directory);
    for (const rule of update.ignore ?? []) {
      const name = rule["dependency-name"];
      if (!(name in dependencies)) problems.push(`${place}: ignores ${name}, which it does not have`);
      // Dependabot skips aliased dependencies (`node22: npm:node@22…`) altogether: a rule for one does nothing.
      else if (dependencies[name]!.startsWith("npm:")) problems.push(`${place}: ignores ${name}, an alias`);
      if (!rule["update-types"] && !rule.versions) problems.push(`${place}: ignores every update of ${name}`);
    }
  }
  // Each ignore rule says why, in a comment on the line above it.
  const lines = source.split("\n");
  lines.forEach((line, i) => {
    const rule = /^\s+- dependency-name: (.+)$/.exec(line);
    if (rule && !/^\s+# \S/.test(lines[i - 1] ?? "")) problems.push(`no reason above the ignore rule ${rule[1]}`);
  });
  return problems;
}

describe(".github/dependabot.yml", () => {
  const config = parse(text) as Config;

  it("updates npm at the root and in test/runtimes, and the actions, weekly, after a cooldown, minor and patch grouped, each ignore with its reason", () => {
    expect(dependabotProblems(config, text)).toEqual([]);
  });

  it("holds back vitest 5 (Node 22.12) and the other releases that need a newer Node than the project's machines", () => {
    const ignored = config.updates.flatMap((u) =>
      (u.ignore ?? []).map((r) => `${u.directory} ${r["dependency-name"]}`),
    );
    expect(ignored).toEqual(expect.arrayContaining(["/ vitest", "/ @stoplight/prism-cli", "/test/runtimes verdaccio"]));
    const vitest = config.updates[0]!.ignore!.find((r) => r["dependency-name"] === "vitest")!;
    expect(vitest["update-types"]).toEqual(["version-update:semver-major"]);
    // The held-back lines are the ones installed: an ignore that no longer matches the pin is a rule to revisit.
    expect(dependenciesOf("/").vitest).toMatch(/^~?4\./);
    expect(dependenciesOf("/")["@stoplight/prism-cli"]).toMatch(/^5\.14\./);
    expect(dependenciesOf("/test/runtimes").verdaccio).toMatch(/^6\.8\./);
  });

  it("the check rejects a doctored file (so the test above can fail)", () => {
    const doctored = parse(text) as Config;
    doctored.updates.splice(1, 1);
    delete doctored.updates[0]!.cooldown;
    doctored.updates[0]!.schedule.interval = "daily";
    doctored.updates[0]!.groups = {};
    doctored.updates[0]!.ignore!.push({
      "dependency-name": "left-pad",
      "update-types": ["version-update:semver-major"],
    });
    doctored.updates[0]!.ignore!.push({ "dependency-name": "redocly-openapi-core", versions: [">=3"] });
    doctored.updates[1]!.cooldown!["semver-major-days"] = 30;
    expect(dependabotProblems(doctored, text)).toEqual([
      "no updates for npm /test/runtimes",
      "npm /: daily, not weekly",
      "npm /: a cooldown of 0 days",
      "npm /: minor and patch updates not grouped",
      "npm /: ignores left-pad, which it does not have",
      "npm /: ignores redocly-openapi-core, an alias",
      "github-actions /: cooldown keys other than default-days",
    ]);
    const uncommented = text.replace(/^( +)# .*\n(\1- dependency-name: vitest)/m, "$2");
    expect(uncommented).not.toBe(text);
    expect(dependabotProblems(config, uncommented)).toEqual(["no reason above the ignore rule vitest"]);
  });
});
