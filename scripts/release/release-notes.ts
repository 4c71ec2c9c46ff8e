/**
 * The notes of a GitHub release: the CHANGELOG.md entry of its version, as `npm run spec:update -- --bump` writes
 * it (scripts/spec-diff/changelog.ts) or a person does: from the `## <version>` heading (a date in parentheses may
 * follow) to the next `## ` heading, without the heading itself (the release's title is the tag).
 */
export function releaseNotes(changelog: string, version: string): string {
  const entries = changelog.split(/^(?=## )/m).slice(1);
  const heading = new RegExp(`^## ${version.replaceAll(".", "\\.")}(?: \\(.*\\))?[ \\t]*$`, "m");
  const entry = entries.find((e) => heading.test(e.split("\n", 1)[0]!));
  if (!entry)
    throw new Error(
      `CHANGELOG.md has no entry for ${version}: add a "## ${version} (YYYY-MM-DD)" heading with what changed ` +
        "(npm run spec:update -- --bump writes one), or set package.json's version to one that has an entry",
    );
  const body = entry.slice(entry.indexOf("\n") + 1).trim();
  if (body === "") throw new Error(`CHANGELOG.md's entry for ${version} is empty: say what changed below its heading`);
  return `${body}\n`;
}
