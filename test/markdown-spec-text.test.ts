import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { changelogEntry } from "../scripts/spec-diff/changelog.js";
import { codeSpan } from "../scripts/spec-diff/code-span.js";
import { noCompileErrors } from "../scripts/spec-diff/compile-gate.js";
import { formatMarkdown } from "../scripts/spec-diff/markdown-report.js";
import { diffSpecs } from "../scripts/spec-diff/spec-diff.js";
import { buildReport } from "../scripts/spec-diff/update-report.js";
import { summarize } from "../scripts/spec-diff/update-summary.js";
import { hostile, hostileSource, hostileSpecs } from "./helpers/hostile-spec.js";

/**
 * What the pull-request body and CHANGELOG.md make of a spec whose names are hostile Markdown, read back with a
 * real CommonMark parser (markdown-it, with linkify on, as GitHub links bare URLs): the spec's strings must come
 * out only inside code spans, whole, and nothing of theirs may become a link, HTML, a heading or a mention.
 */
const markdown = new MarkdownIt({ html: true, linkify: true });
type Token = ReturnType<typeof markdown.parse>[number];

/** Every token, inline children included, in document order. */
const flatten = (tokens: Token[]): Token[] => tokens.flatMap((t) => [t, ...flatten(t.children ?? [])]);

/** How the spec's text reads inside a code span: line breaks shown as ␤ (code-span.ts). */
const inCode = (text: string) => text.replace(/\r\n|\r|\n/g, "␤");

function rendered() {
  const { before, after } = hostileSpecs();
  const report = buildReport(
    diffSpecs(before, after),
    [],
    { file: "spec/trieve.yaml", version: "1.0.0" },
    { source: hostileSource, version: hostile("info.version") },
    new Map(),
  );
  const summary = summarize(report, noCompileErrors, { errors: 0, warningsByRule: [] }, "0.1.0", true);
  return { body: formatMarkdown(report, summary), changelog: changelogEntry(report, summary, "2026-12-05", true) };
}

/** What must never appear outside a code span: the markers of the hostile names. */
const markers = ["@everyone", "evil.example", "<img", "onerror", "*/", "[x]"];

function expectOnlyInCodeSpans(text: string, expectedSpans: string[]) {
  const tokens = flatten(markdown.parse(text, {}));
  const types = new Set(tokens.map((t) => t.type));
  for (const type of ["link_open", "image", "html_inline", "html_block", "code_block"])
    expect(types).not.toContain(type);
  // Headings are our section titles only: a line break in a name must not start one.
  const headings = tokens.filter((t, i) => tokens[i - 1]?.type === "heading_open").map((t) => t.content);
  for (const heading of headings)
    expect(heading).toMatch(
      /^(Called by `src\/`|(Removed|Renamed|Breaking|Warning|Info|Added) \(\d+( changes?)?\)|Lint|\d+\.\d+\.\d+ \(\d{4}-\d\d-\d\d\))$/,
    );
  // Text outside code spans holds none of the spec's markers.
  const outside = tokens.filter((t) => t.type === "text").map((t) => t.content);
  for (const marker of markers) expect(outside.join("\n")).not.toContain(marker);
  // Inside them, each hostile string is whole, its backticks included.
  const spans = tokens.filter((t) => t.type === "code_inline").map((t) => t.content);
  for (const expected of expectedSpans)
    expect(
      spans.some((s) => s.includes(inCode(expected))),
      expected,
    ).toBe(true);
}

describe("spec text in Markdown: only inside code spans", () => {
  const { body, changelog } = rendered();

  it("the pull-request body: paths, operationIds, parameter, header, property, enum value, version, source", () => {
    expectOnlyInCodeSpans(body, [
      `GET /api/${hostile("removed path")}`,
      `GET /api/${hostile("added path")}`,
      hostile("removed operationId"),
      hostile("renamed operationId"),
      hostile("added operationId"),
      hostile("parameter"),
      hostile("header"),
      hostile("property removed"),
      JSON.stringify(hostile("enum value")),
      hostile("info.version"),
      hostileSource,
    ]);
    // Each change line is one list item: no name broke out of its line.
    expect(body.split("\n").filter((l) => l.startsWith("  - "))).toHaveLength(6);
  });

  it("the CHANGELOG.md entry", () => {
    expectOnlyInCodeSpans(changelog, [
      `GET /api/${hostile("removed path")}`,
      hostile("renamed operationId"),
      hostile("property removed"),
      hostile("info.version"),
    ]);
  });

  it("the check fails on what the body looked like before (names in plain text, backticks turned into ')", () => {
    const before =
      "- ✖ response 200: property `property removed @everyone` removed\n" +
      "  - · response 200: header x-[link](https://evil.example) added\n";
    expect(() => expectOnlyInCodeSpans(before, [])).toThrow();
    expect(() => expectOnlyInCodeSpans("- `'a'` added\n\n# injected\n", ["`a`"])).toThrow();
  });
});

describe("codeSpan", () => {
  it.each([
    "plain",
    "a`b",
    "``double``",
    "`edge`",
    "` ",
    " a ",
    "   ",
    "<img src=x onerror=alert(1)>",
    "[x](https://evil.example)",
    "@everyone",
    "*/",
    "a\n\n# b",
  ])("%j renders as one code span holding exactly it (line breaks as ␤)", (text) => {
    const tokens = flatten(markdown.parse(codeSpan(text), {}));
    const inline = tokens.filter(
      (t) => t.type !== "paragraph_open" && t.type !== "paragraph_close" && t.type !== "inline",
    );
    expect(inline.map((t) => t.type)).toEqual(["code_inline"]);
    expect(inline[0]!.content).toBe(inCode(text));
  });
});
