import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { releaseNotes } from "../scripts/release/release-notes.js";
import { projectRoot } from "./helpers/project-copy.js";

const changelog = `# Changelog

Intro text, not an entry.

## 0.4.10 (2026-12-03)

Trieve spec 0.13.0 → 0.13.1: breaking, minor bump (0.4.1 → 0.4.10).

Breaking:

- \`DELETE /api/user/api_key/{api_key_id}\`: removed

## 0.4.1 (2026-12-01)

Trieve spec 0.13.0 → 0.13.0: additions only, patch bump (0.4.0 → 0.4.1).

## 0.4.0

Written by hand, without a date.

## 0.3.9 (2026-11-20)
`;

describe("releaseNotes: a version's CHANGELOG.md entry, the notes of its GitHub release", () => {
  it("is the entry's text below its heading, up to the next entry", () => {
    expect(releaseNotes(changelog, "0.4.10")).toBe(
      "Trieve spec 0.13.0 → 0.13.1: breaking, minor bump (0.4.1 → 0.4.10).\n\nBreaking:\n\n" +
        "- `DELETE /api/user/api_key/{api_key_id}`: removed\n",
    );
    // 0.4.1 is not read as the start of 0.4.10, and a heading without a date is an entry too.
    expect(releaseNotes(changelog, "0.4.1")).toBe(
      "Trieve spec 0.13.0 → 0.13.0: additions only, patch bump (0.4.0 → 0.4.1).\n",
    );
    expect(releaseNotes(changelog, "0.4.0")).toBe("Written by hand, without a date.\n");
  });

  it("fails, naming the fix, for a version without an entry", () => {
    expect(() => releaseNotes(changelog, "0.5.0")).toThrow(
      'CHANGELOG.md has no entry for 0.5.0: add a "## 0.5.0 (YYYY-MM-DD)" heading with what changed',
    );
  });

  it("fails for an entry with a heading and nothing below it", () => {
    expect(() => releaseNotes(changelog, "0.3.9")).toThrow("CHANGELOG.md's entry for 0.3.9 is empty");
  });

  it("the project's CHANGELOG.md has an entry for package.json's version (release.yml would fail without it)", () => {
    const { version } = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
      version: string;
    };
    const notes = releaseNotes(readFileSync(path.join(projectRoot, "CHANGELOG.md"), "utf8"), version);
    expect(notes.trim().length).toBeGreaterThan(0);
  });
});
