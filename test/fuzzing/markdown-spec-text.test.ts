import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { changelogEntry } from "../../scripts/spec-diff/changelog.js";
import { codeSpan } from "../../scripts/spec-diff/code-span.js";
import { noCompileErrors } from "../../scripts/spec-diff/compile-gate.js";
import { formatMarkdown } from "../../scripts/spec-diff/markdown-report.js";
import { diffSpecs } from "../../scripts/spec-diff/spec-diff.js";
import { buildReport } from "../../scripts/spec-diff/update-report.js";
import { summarize } from "../../scripts/spec-diff/update-summary.js";
import { fuzz } from "./fuzz-settings.js";

/**
 * Spec text in the pull-request body and CHANGELOG.md (scripts/spec-diff/code-span.ts, markdown-report.ts), for
 * any string: read back with markdown-it (HTML and linkify on, as GitHub renders), nothing of the spec's becomes a
 * link, an image, HTML, a heading or a mention. test/markdown-spec-text.test.ts shows it on chosen hostile names;
 * here the names are built at random from the pieces Markdown gives meaning to.
 */
const markdown = new MarkdownIt({ html: true, linkify: true });
type Token = ReturnType<typeof markdown.parse>[number];
const flatten = (tokens: Token[]): Token[] => tokens.flatMap((t) => [t, ...flatten(t.children ?? [])]);

const pieces = [
  "`",
  "``",
  "```",
  "\n",
  "\n\n",
  "\r\n",
  "@everyone",
  "@",
  "<",
  ">",
  "<img src=x onerror=alert(1)>",
  "<!--",
  "[",
  "]",
  "](",
  "[x](https://evil.example)",
  "![i](https://evil.example/i.png)",
  "https://evil.example",
  "#",
  "# ",
  "*",
  "_",
  "\\",
  "|",
  "&lt;",
  " ",
  "a",
  "b",
];
/** A string from the spec: Markdown's meaningful pieces in any order, sometimes with other characters between. */
const specText = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pieces) }, fc.string({ maxLength: 3 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join(""));

const inCode = (text: string) => text.replace(/\r\n|\r|\n/g, "␤");
const forbidden = ["link_open", "image", "html_inline", "html_block", "code_block", "fence"];

describe("spec text in Markdown, for any string (fast-check)", () => {
  it("codeSpan(text) is one code span holding exactly the text (line breaks as ␤)", () => {
    fc.assert(
      fc.property(specText, (text) => {
        const tokens = flatten(markdown.parse(codeSpan(text), {})).filter(
          (t) => !["paragraph_open", "paragraph_close", "inline"].includes(t.type),
        );
        if (inCode(text) === "") return;
        expect(tokens.map((t) => t.type)).toEqual(["code_inline"]);
        expect(tokens[0]!.content).toBe(inCode(text));
      }),
      fuzz(300),
    );
  });

  it("the pull-request body and the CHANGELOG.md entry hold no link, image, HTML, heading or mention from the spec", () => {
    const names = fc.record({
      removedPath: specText,
      addedPath: specText,
      operationId: specText,
      parameter: specText,
      header: specText,
      property: specText,
      enumValue: specText,
      version: specText,
      source: specText,
    });
    fc.assert(
      fc.property(names, (n) => {
        const responses = (extra: object) => ({ "200": { description: "ok", ...extra } });
        const body = (properties: object) => ({
          content: { "application/json": { schema: { type: "object", properties } } },
        });
        const before = {
          openapi: "3.0.3",
          info: { title: "t", version: "1.0.0" },
          paths: {
            "/api/items": {
              get: {
                operationId: "list_items",
                responses: responses(body({ kind: { type: "string", enum: ["a"] }, [`p${n.property}`]: {} })),
              },
            },
            [`/api/r${n.removedPath}`]: { get: { operationId: "removed", responses: responses({}) } },
          },
        };
        const after = {
          openapi: "3.0.3",
          info: { title: "t", version: n.version },
          paths: {
            "/api/items": {
              get: {
                operationId: `o${n.operationId}`,
                parameters: [{ name: n.parameter, in: "query", schema: { type: "string" } }],
                responses: responses({
                  headers: { [`h${n.header}`]: { schema: { type: "string" } } },
                  ...body({ kind: { type: "string", enum: ["a", `e${n.enumValue}`] } }),
                }),
              },
            },
            [`/api/a${n.addedPath}`]: { get: { operationId: "added", responses: responses({}) } },
          },
        };
        const report = buildReport(
          diffSpecs(before, after),
          [],
          { file: "spec/trieve.yaml", version: "1.0.0" },
          { source: n.source, version: n.version },
          new Map(),
        );
        const summary = summarize(report, noCompileErrors, { errors: 0, warningsByRule: [] }, "0.1.0", true);
        for (const text of [formatMarkdown(report, summary), changelogEntry(report, summary, "2026-12-05", true)]) {
          const tokens = flatten(markdown.parse(text, {}));
          for (const type of forbidden) expect(tokens.map((t) => t.type)).not.toContain(type);
          // Headings are our section titles only: a line break in a name must not start one.
          const headings = tokens.filter((t, i) => tokens[i - 1]?.type === "heading_open").map((t) => t.content);
          for (const heading of headings)
            expect(heading).toMatch(
              /^(Called by `src\/`|(Removed|Renamed|Breaking|Warning|Info|Added) \(\d+( changes?)?\)|Lint|\d+\.\d+\.\d+ \(\d{4}-\d\d-\d\d\))$/,
            );
          // Outside code spans, none of the spec's mentions, tags or link targets (our own words have none).
          const outside = tokens.filter((t) => t.type === "text").map((t) => t.content);
          for (const marker of ["@", "<", "evil.example"]) expect(outside.join("\n")).not.toContain(marker);
        }
      }),
      fuzz(40),
    );
  });
});
