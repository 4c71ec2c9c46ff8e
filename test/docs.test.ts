import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import GithubSlugger from "github-slugger";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./helpers/project-copy.js";

const markdown = new MarkdownIt({ html: true });

/** The anchors GitHub gives the headings of a Markdown text, as `#anchor` links name them. */
function anchorsOf(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const tokens = markdown.parse(text, {});
  return new Set(
    tokens.flatMap((token, i) => (token.type === "heading_open" ? [slugger.slug(tokens[i + 1]!.content)] : [])),
  );
}

/** Every link and image target of a Markdown text, as written. */
function targetsOf(text: string): string[] {
  return markdown
    .parse(text, {})
    .flatMap((token) => token.children ?? [])
    .flatMap((token): string[] => {
      const target =
        token.type === "link_open" ? token.attrGet("href") : token.type === "image" ? token.attrGet("src") : null;
      return target === null ? [] : [String(target)];
    });
}

/**
 * The relative links of `file` that lead nowhere: to a file that does not exist, or to a heading that the
 * file they name does not have. Links with a scheme (https:, mailto:) are not followed.
 */
export function brokenLinks(file: string, text = readFileSync(file, "utf8")): string[] {
  return targetsOf(text).filter((target) => {
    if (/^[a-z][a-z+.-]*:/i.test(target)) return false;
    const [pathPart, anchor] = target.split("#", 2) as [string, string | undefined];
    const linked = pathPart === "" ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
    if (!existsSync(linked)) return true;
    if (anchor === undefined || statSync(linked).isDirectory()) return false;
    return !anchorsOf(readFileSync(linked, "utf8")).has(anchor);
  });
}

const docsDir = path.join(projectRoot, "docs");
const pages = [
  path.join(projectRoot, "README.md"),
  path.join(projectRoot, "SECURITY.md"),
  ...(readdirSync(docsDir, { recursive: true }) as string[])
    .filter((name) => name.endsWith(".md"))
    .map((name) => path.join(docsDir, name)),
];

describe("the README, SECURITY.md and docs/", () => {
  it.each(pages.map((page) => path.relative(projectRoot, page)))("every relative link of %s resolves", (page) => {
    expect(brokenLinks(path.join(projectRoot, page))).toEqual([]);
  });

  it("a link to a missing file, or to a heading the file does not have, is reported (so the test above can fail)", () => {
    const readme = path.join(projectRoot, "README.md");
    const text = [
      "[ok](docs/client.md) [ok](docs/client.md#errors) [ok](#errors) [web](https://example.com/x.md)",
      "[gone](docs/nowhere.md) [no heading](docs/client.md#no-such-heading) ![img](docs/missing.png)",
    ].join("\n");
    expect(brokenLinks(readme, text)).toEqual([
      "docs/nowhere.md",
      "docs/client.md#no-such-heading",
      "docs/missing.png",
    ]);
  });

  it("the README gets a user started: at most 15,000 bytes, and it links every page of docs/", () => {
    const readme = readFileSync(path.join(projectRoot, "README.md"), "utf8");
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15_000);
    const linked = new Set(targetsOf(readme).map((target) => target.split("#")[0]));
    const topLevel = readdirSync(docsDir).filter((name) => name.endsWith(".md"));
    expect(topLevel.filter((name) => !linked.has(`docs/${name}`))).toEqual([]);
    // The security policy, where a user looks for it first: GitHub shows SECURITY.md, and the README points at it.
    expect(linked).toContain("SECURITY.md");
  });
});
