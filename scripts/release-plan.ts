/**
 * `npm run release:plan -- --out <dir> [--github-output <file>] [--summary <file>]`
 *
 * What .github/workflows/release.yml does for package.json's version, decided here so that tests reach it
 * (test/release-workflow.test.ts runs the workflow's own lines): the workflow's publishing job runs only `gh` and
 * `npm publish`, with these outputs.
 *
 * - `release`: no tag `v<version>` yet: the publishing job creates the tag and a GitHub release whose notes are
 *   the version's CHANGELOG.md entry (written to `<out>/<notes>`).
 * - `publish`: package.json has no `private: true` and the registry does not have the version yet (`npm view`).
 * - `pending`: either of them; when false, the version is tagged and published (or private): nothing to do.
 * - `tarball`, and `attestation` and `provenance`: the two names under which the publishing job attaches the
 *   tarball's provenance attestation (one Sigstore bundle) to the GitHub release, `<tarball without .tgz>.sigstore.json`
 *   and `.intoto.jsonl`: the suffixes OpenSSF Scorecard reads as a signature and as provenance (docs/releasing.md).
 * Each is decided on its own, so a run that stopped half way (tagged, not published) finishes on the next run.
 * Exit codes: 0 a plan, even one with nothing to do; 1 no CHANGELOG.md entry for a version to release, or git or
 * npm could not answer.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { githubOutputText } from "./spec-diff/github-output.js";
import { releaseNotes } from "./release/release-notes.js";
import { root } from "./shared/project-files.js";

const usage = "usage: npm run release:plan -- --out <dir> [--github-output <file>] [--summary <file>]";
const notesFile = "release-notes.md";

class PlanError extends Error {}

function parseArgs(args: string[]): Map<string, string> {
  const known = new Set(["--out", "--github-output", "--summary"]);
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i]!, args[i + 1]];
    if (!known.has(flag)) throw new PlanError(`unknown argument ${flag}: ${usage}`);
    if (value === undefined || value.startsWith("--")) throw new PlanError(`${flag} needs a file: ${usage}`);
    values.set(flag, value);
  }
  if (!values.has("--out")) throw new PlanError(`--out is required: ${usage}`);
  return values;
}

function run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8" });
  if (result.error) throw new PlanError(`cannot run ${command}: ${result.error.message}`);
  return result;
}

/** Whether the tag exists here: the workflow checks out with `fetch-depth: 0`, which fetches every tag. */
function tagged(tag: string): boolean {
  const { status, stderr } = run("git", ["rev-parse", "--verify", "--quiet", `refs/tags/${tag}`]);
  if (status === 0) return true;
  if (status === 1 && stderr.trim() === "") return false;
  throw new PlanError(`git cannot tell whether ${tag} exists (${stderr.trim() || `exit ${status}`})`);
}

/** Whether the registry npm is configured with already has this version (E404: not the package at all). */
function published(name: string, version: string): boolean {
  const { status, stdout, stderr } = run("npm", ["view", `${name}@${version}`, "version", "--json"]);
  if (status === 0) return stdout.trim() !== "";
  if (/\bE404\b/.test(stdout + stderr)) return false;
  throw new PlanError(`npm view ${name}@${version} failed: ${(stderr || stdout).trim().split("\n")[0]}`);
}

/** The file name `npm pack` gives a package (a scope's `@` dropped, its `/` turned into `-`). */
const tarballName = (name: string, version: string) => `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;

function main(args: string[]): void {
  const options = parseArgs(args);
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    name: string;
    version: string;
    private?: boolean;
  };
  const { name, version } = pkg;
  const isPrivate = pkg.private === true;
  const tag = `v${version}`;
  const release = !tagged(tag);
  // A private package is never looked up: the name on the registry may be someone else's.
  const isPublished = isPrivate ? false : published(name, version);
  const publish = !isPrivate && !isPublished;
  const pending = release || publish;

  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), options.get("--out")!);
  mkdirSync(out, { recursive: true });
  if (release)
    writeFileSync(
      path.join(out, notesFile),
      releaseNotes(readFileSync(path.join(root, "CHANGELOG.md"), "utf8"), version),
    );

  const summary = [
    `### Release of ${name} ${version}`,
    "",
    release
      ? `- Tag \`${tag}\` and its GitHub release: created by the \`publish\` job, with the notes of CHANGELOG.md's ${version} entry.`
      : `- Tag \`${tag}\`: already exists, skipped.`,
    isPrivate
      ? "- npm: **not published: package.json says `private: true`.** Everything else ran. Publishing is a " +
        "maintainer's decision, made by removing `private: true` from package.json (docs/releasing.md)."
      : isPublished
        ? `- npm: ${name}@${version} is already on the registry, skipped.`
        : `- npm: published by the \`publish\` job (\`npm publish\` of the tarball this job packed, with provenance).`,
    ...(pending ? [] : ["", `Nothing to release: ${tag} is tagged${isPrivate ? "" : " and published"}.`]),
  ].join("\n");
  console.log(summary);

  const outputs = {
    version,
    tag,
    tarball: tarballName(name, version),
    attestation: tarballName(name, version).replace(/\.tgz$/, ".sigstore.json"),
    provenance: tarballName(name, version).replace(/\.tgz$/, ".intoto.jsonl"),
    notes: notesFile,
    private: String(isPrivate),
    release: String(release),
    publish: String(publish),
    pending: String(pending),
  };
  const githubOutput = options.get("--github-output");
  if (githubOutput) appendFileSync(githubOutput, githubOutputText(outputs));
  const summaryFile = options.get("--summary");
  if (summaryFile) appendFileSync(summaryFile, `${summary}\n`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  console.error(`✖ ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
