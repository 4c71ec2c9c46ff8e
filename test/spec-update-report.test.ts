import { describe, expect, it } from "vitest";
import { bumpFor, nextVersion, withVersion, type Impact } from "../scripts/spec-diff/bump.js";
import { calledOperations } from "../scripts/shared/called-operations.js";
import { addChangelogEntry, changelogEntry } from "../scripts/spec-diff/changelog.js";
import { noCompileErrors } from "../scripts/spec-diff/compile-gate.js";
import { githubOutputs, githubOutputText } from "../scripts/spec-diff/github-output.js";
import { formatMarkdown, maxBodyLength } from "../scripts/spec-diff/markdown-report.js";
import type { Change, Level, OperationDiff } from "../scripts/spec-diff/spec-diff.js";
import { operationKey } from "../scripts/spec-diff/spec-diff.js";
import {
  addCompilerVerdicts,
  buildReport,
  formatReport,
  type UpdateReport,
} from "../scripts/spec-diff/update-report.js";
import { formatSummary, summarize } from "../scripts/spec-diff/update-summary.js";

describe("the semver bump, with 0.x as npm reads it", () => {
  it.each<[string, Impact, string]>([
    ["1.4.2", "breaking", "2.0.0"],
    ["1.4.2", "additions", "1.5.0"],
    ["1.4.2", "rewrite", "1.4.3"],
    ["1.4.2", "none", "1.4.2"],
    // ^0.4.2 accepts 0.4.x only: a breaking change moves the minor, everything else is a patch.
    ["0.4.2", "breaking", "0.5.0"],
    ["0.4.2", "additions", "0.4.3"],
    ["0.4.2", "rewrite", "0.4.3"],
    // ^0.0.3 accepts 0.0.3 only: any change is a patch, which no caret range takes on its own.
    ["0.0.3", "breaking", "0.0.4"],
    ["0.0.3", "additions", "0.0.4"],
    ["1.0.0-rc.1", "breaking", "2.0.0"],
  ])("%s, %s → %s", (version, impact, expected) => {
    expect(nextVersion(version, bumpFor(impact, version))).toBe(expected);
  });

  it("names the bump", () => {
    expect([bumpFor("breaking", "0.1.0"), bumpFor("breaking", "1.0.0"), bumpFor("none", "1.0.0")]).toEqual([
      "minor",
      "major",
      "none",
    ]);
  });

  it("rejects a version that is not x.y.z, naming package.json", () => {
    expect(() => bumpFor("additions", "latest")).toThrow('version "latest" is not x.y.z: fix it in package.json');
  });

  it("writes the version as npm does: package.json, and both places of package-lock.json", () => {
    const lock = `${JSON.stringify({ name: "x", version: "0.1.0", lockfileVersion: 3, packages: { "": { name: "x", version: "0.1.0" } } }, null, 2)}\n`;
    expect(JSON.parse(withVersion(lock, "0.2.0"))).toEqual({
      name: "x",
      version: "0.2.0",
      lockfileVersion: 3,
      packages: { "": { name: "x", version: "0.2.0" } },
    });
    expect(withVersion('{\n  "name": "x",\n  "version": "1.0.0"\n}\n', "1.0.1")).toBe(
      '{\n  "name": "x",\n  "version": "1.0.1"\n}\n',
    );
  });
});

const ids: Record<Level, string> = {
  breaking: "response-required-property-removed",
  warning: "optional-response-header-removed",
  info: "response-optional-property-added",
};
const change = (message: string, level: Level): Change => ({
  id: ids[level],
  level,
  message,
  parts: [message],
  pointer: "/components/schemas/Thing/properties/field",
  in: level === "breaking" ? "old" : "new",
});
/** As the differ gives them: a removed or added operation carries one change that says so. */
function operation(i: number, status: OperationDiff["status"], changes: Change[] = []): OperationDiff {
  const own =
    status === "changed"
      ? changes
      : status === "removed"
        ? [{ ...change("operation removed", "breaking"), id: "api-path-removed-without-deprecation" }]
        : [{ ...change("operation added", "info"), id: "endpoint-added" }];
  return {
    method: "post",
    path: `/api/thing_${i}`,
    operationId: `thing_${i}`,
    status,
    breaking: own.some((c) => c.level === "breaking"),
    changes: own,
  };
}

/** The report as buildReport makes it, src/'s one operation (the delete) in the new spec unless `missing`. */
function reportOf(
  operations: OperationDiff[],
  versions: [string, string] = ["0.12.1", "0.13.0"],
  missing = false,
): UpdateReport {
  const count = (s: OperationDiff["status"]) => operations.filter((o) => o.status === s).length;
  const changes = operations.flatMap((o) => o.changes);
  const at = (level: Level) => changes.filter((c) => c.level === level).length;
  const counts = {
    added: count("added"),
    removed: count("removed"),
    changed: count("changed"),
    renamed: 0,
    breakingChanges: at("breaking"),
    nonBreakingChanges: at("warning") + at("info"),
    warningChanges: at("warning"),
    infoChanges: at("info"),
  };
  const newOperationIds = new Map(
    missing ? [] : [[operationKey("delete", "/api/user/api_key/{api_key_id}"), "delete_user_api_key"] as const],
  );
  return {
    ...buildReport(
      { operations, counts },
      calledOperations,
      { file: "spec/trieve.yaml", version: versions[0] },
      { source: "https://api.trieve.ai/api-docs/openapi.json", version: versions[1] },
      newOperationIds,
    ),
    result: "written",
  };
}
/** What the differ gives for the operation src/ calls when the new spec drops it. */
const calledRemoved = (): OperationDiff => ({
  ...operation(0, "removed"),
  method: "delete",
  path: "/api/user/api_key/{api_key_id}",
  operationId: "delete_user_api_key",
});
const lint = { errors: 0, warningsByRule: [["nullable-type-sibling", 3] as [string, number]] };

describe("the pull-request body (--markdown)", () => {
  it("the verdict and the bump first, then src/'s operations, the sections of the text report, and the lint summary", () => {
    const report = reportOf([
      operation(1, "removed"),
      operation(2, "changed", [
        change("response 200: property `a` removed", "breaking"),
        change("response 200: header `x-b` removed", "warning"),
        change("response 200: property `c` added", "info"),
      ]),
      operation(3, "added"),
    ]);
    const body = formatMarkdown(report, summarize(report, noCompileErrors, lint, "0.1.0", true));
    expect(body.split("\n").slice(0, 3)).toEqual([
      "**Breaking** · bump: **minor (0.1.0 → 0.2.0)**",
      "",
      expect.any(String),
    ]);
    expect(body).toContain("; changes: 2 breaking, 1 warning, 2 info.");
    const headings = body.split("\n").filter((l) => l.startsWith("### "));
    expect(headings).toEqual([
      "### Called by `src/`",
      "### Removed (1)",
      "### Breaking (2 changes)",
      "### Warning (1 change)",
      "### Info (1 change)",
      "### Added (1)",
      "### Lint",
    ]);
    // Each level's section lists its operations with their changes of that level, as the text report does.
    const breaking = body.slice(body.indexOf("### Breaking"), body.indexOf("### Warning"));
    expect(breaking).toContain("- `POST /api/thing_1` (`thing_1`)\n  - ✖ operation removed");
    expect(breaking).toContain(
      "- `POST /api/thing_2` (`thing_2`)\n" +
        "  - ✖ response 200: property `a` removed (was at `#/components/schemas/Thing/properties/field`) " +
        "[breaking] `response-required-property-removed`\n",
    );
    expect(breaking).not.toContain("header `x-b`");
    expect(body).toContain(
      "  - ! response 200: header `x-b` removed (at `#/components/schemas/Thing/properties/field`) " +
        "[warning] `optional-response-header-removed`",
    );
    expect(body).toContain(
      "  - · response 200: property `c` added (at `#/components/schemas/Thing/properties/field`) [info]",
    );
    expect(body).not.toContain("operation added"); // an added operation is listed under Added, not as an info change
    expect(body).toContain("0 errors, 3 warnings: nullable-type-sibling ×3");
    expect(body).not.toContain("<details>");
  });

  it("warnings and infos alone: additions only, the warnings counted in the verdict, a non-breaking bump", () => {
    const report = reportOf([
      operation(1, "changed", [
        change("response 200: header `x-b` removed", "warning"),
        change("response 200: property `c` added", "info"),
      ]),
      operation(2, "changed", [change("request body: property `d` added", "info")]),
    ]);
    const summary = summarize(report, noCompileErrors, lint, "1.2.0", true);
    expect(summary).toMatchObject({ verdict: "additions only", bump: "minor", version: { to: "1.3.0" } });
    const body = formatMarkdown(report, summary);
    expect(body.split("\n")[0]).toBe(
      "**Additions only, nothing breaking; 1 warning to review** · bump: **minor (1.2.0 → 1.3.0)**",
    );
    expect(body.split("\n").filter((l) => l.startsWith("### "))).toEqual([
      "### Called by `src/`",
      "### Warning (1 change)",
      "### Info (2 changes)",
      "### Lint",
    ]);
    expect(githubOutputs(report, summary)).toMatchObject({ breaking: "false", labels: "" });
    const entry = changelogEntry(report, summary, "2026-11-30", true);
    expect(entry).toContain("changes: 0 breaking, 1 warning, 2 info.");
    expect(entry).not.toContain("Breaking:");
  });

  it("a removed operation that is not breaking (after its sunset date) shows its level and why", () => {
    const sunset = operation(1, "removed");
    sunset.breaking = false;
    sunset.changes = [
      {
        ...change("operation removed after its sunset date 2026-01-01", "info"),
        id: "api-path-removed-with-deprecation",
      },
    ];
    const report = reportOf([sunset]);
    const summary = summarize(report, noCompileErrors, lint, "0.1.0", true);
    expect(summary.verdict).toBe("additions only");
    expect(formatMarkdown(report, summary)).toContain(
      "### Removed (1)\n\n- · `POST /api/thing_1` (`thing_1`): operation removed after its sunset date 2026-01-01\n",
    );
  });

  it("a silent change is the first line; long lists fold into <details>", () => {
    const added = Array.from({ length: 12 }, (_, i) => operation(i, "added"));
    const report = reportOf(added, ["0.13.0", "0.13.0"]);
    const body = formatMarkdown(report, summarize(report, noCompileErrors, lint, "0.1.0", true));
    expect(body.split("\n")[0]).toBe(
      "> ⚠️ **Silent change**: 12 operations changed, but `info.version` is still `0.13.0`.",
    );
    expect(body).toContain("**Additions only, nothing breaking** · bump: **patch (0.1.0 → 0.1.1)**");
    expect(body).toMatch(/### Added \(12\)\n\n<details><summary>12 operations<\/summary>\n\n- `POST \/api\/thing_0`/);
  });

  it("stays under GitHub's body limit: info lines give way first, then warnings; every operation stays listed", () => {
    const long = "x".repeat(200);
    const level = (i: number): Level => (i % 10 === 0 ? "breaking" : i % 10 === 5 ? "warning" : "info");
    const operations = Array.from({ length: 150 }, (_, i) =>
      operation(i, "changed", [
        change(`response 200: property \`b${i}\` removed ${long}`, level(i)),
        ...Array.from({ length: 3 }, (_, j) => change(`response 200: property \`c${j}\` added ${long}`, "info")),
      ]),
    );
    const report = reportOf(operations);
    const body = formatMarkdown(report, summarize(report, noCompileErrors, lint, "1.0.0", true));
    expect(body.length).toBeLessThanOrEqual(maxBodyLength);
    for (let i = 0; i < 150; i++) expect(body).toContain(`\`POST /api/thing_${i}\``);
    expect(body).toContain(`property \`b0\` removed ${long}`); // breaking lines kept
    expect(body).toContain(`property \`b5\` removed ${long}`); // warning lines kept
    expect(body).not.toContain(`property \`c0\` added`);
    expect(body).toMatch(/### Info \(570 changes\)\n\n<details><summary>570 changes in 150 operations<\/summary>/);
    expect(body).toContain("- `POST /api/thing_0` (`thing_0`) (3 changes not listed)");
    expect(body).toContain("- `POST /api/thing_1` (`thing_1`) (4 changes not listed)");
    expect(body).toMatch(/_Some change lines are left out to fit GitHub's size limit/);
  });

  it("lists compile errors as file:line:col TSnnnn message, and calls the update breaking", () => {
    const report = reportOf([operation(1, "changed", [change("response 200: header `x-b` removed", "warning")])]);
    const error = { file: "src/user.ts", line: 29, column: 3, code: "TS2345", message: "Argument of type 'string'…" };
    const summary = summarize(report, { ...noCompileErrors, errors: [error] }, lint, "0.1.0", true);
    expect(summary).toMatchObject({ verdict: "breaking", bump: "minor" });
    expect(formatMarkdown(report, summary)).toContain("```\nsrc/user.ts:29:3 TS2345 Argument of type 'string'…\n```");
  });

  it("type-test errors and errors the project already had: their own headings, and not breaking", () => {
    const report = reportOf([operation(1, "changed", [change("response 200: property `code` added", "info")])]);
    const typeTest = { file: "test/errors.test-d.ts", line: 9, column: 5, code: "TS2344", message: "Type '{…}' …" };
    const existing = { file: "examples/old.ts", line: 1, column: 7, code: "TS2322", message: "Type 'string' …" };
    const summary = summarize(report, { errors: [], typeTests: [typeTest], existing: [existing] }, lint, "0.1.0", true);
    expect(summary).toMatchObject({ verdict: "additions only", bump: "patch" });
    const body = formatMarkdown(report, summary);
    expect(body).not.toContain("### Does not compile");
    expect(body).toContain("### Type tests to update (1)\n");
    expect(body).toContain("```\ntest/errors.test-d.ts:9:5 TS2344 Type '{…}' …\n```");
    expect(body).toContain("### Already failing before this update (1)\n");
    expect(body).toContain("```\nexamples/old.ts:1:7 TS2322 Type 'string' …\n```");
    const text = formatSummary(report, summary, "");
    expect(text).toContain("Type tests to update (1): they pin today's types; not breaking by themselves:\n  ! test/");
    expect(text).toContain("Already failing against the current types (1), not counted:\n  · examples/old.ts");
    expect(changelogEntry(report, summary, "2026-12-05", true)).toContain("; 1 type-test errors to update.");
  });

  describe("an operation src/ calls that the new spec lacks", () => {
    const srcError = {
      file: "src/user.ts",
      line: 31,
      column: 30,
      code: "TS2345",
      message: "Argument of type '\"/api/user/api_key/{api_key_id}\"' is not assignable …",
    };

    it("removed by this update: the body, the text report and the JSON open with it and its caller; breaking", () => {
      const report = reportOf([calledRemoved(), operation(1, "removed"), operation(2, "added")], ["0.12.1", "0.12.1"]);
      const summary = summarize(report, { ...noCompileErrors, errors: [srcError] }, lint, "0.1.0", true);
      expect(summary).toMatchObject({ verdict: "breaking", bump: "minor" });
      expect(Object.keys(report)[0]).toBe("missingCalledOperations");
      expect(report.missingCalledOperations).toMatchObject([
        { method: "delete", by: "deleteUserApiKey", status: "removed", breaking: true },
      ]);
      const body = formatMarkdown(report, summary);
      expect(body.split("\n").slice(0, 3)).toEqual([
        "> ✖ **Removed: `DELETE /api/user/api_key/{api_key_id}` (`delete_user_api_key`), which `deleteUserApiKey()` " +
          "in `src/` calls.** The wrapper does not compile against the new types until the operation is back in the " +
          "spec or `src/` stops calling it (errors below).",
        "",
        "> ⚠️ **Silent change**: 3 operations changed, but `info.version` is still `0.12.1`.",
      ]);
      expect(body).toContain(
        "- ✖ `DELETE /api/user/api_key/{api_key_id}` (`delete_user_api_key`) by `deleteUserApiKey()`: removed, " +
          "**breaking for the wrapper**",
      );
      expect(body).toContain("### Does not compile against the new types (1)");
      // Listed once, at the top and under src/: not again among the other removed operations.
      expect(body).toMatch(/### Removed \(1\)\n\n- ✖ `POST \/api\/thing_1` \(`thing_1`\)\n/);
      const text = formatSummary(report, summary, formatReport(report));
      expect(text.split("\n")[0]).toBe(
        "✖ removed: DELETE /api/user/api_key/{api_key_id} (delete_user_api_key), which deleteUserApiKey() in src/ " +
          "calls. BREAKING: src/ does not compile against the new types until the operation is back or src/ stops " +
          "calling it.",
      );
      expect(text).toContain(
        "  ✖ DELETE /api/user/api_key/{api_key_id} (delete_user_api_key) by deleteUserApiKey(): removed",
      );
      expect(githubOutputs(report, summary)).toMatchObject({ breaking: "true", labels: "breaking" });
    });

    it("still absent (an earlier update removed it): shown first, its errors already failing and not counted", () => {
      const report = reportOf([operation(2, "added")], ["0.13.0", "0.13.0"], true);
      const summary = summarize(report, { ...noCompileErrors, existing: [srcError] }, lint, "0.2.0", true);
      expect(summary).toMatchObject({ verdict: "additions only", bump: "patch" });
      expect(report.missingCalledOperations).toMatchObject([{ status: "absent", breaking: false }]);
      const body = formatMarkdown(report, summary);
      expect(body.split("\n")[0]).toBe(
        "> ✖ **Still absent: `DELETE /api/user/api_key/{api_key_id}`, which `deleteUserApiKey()` in `src/` calls** " +
          "(an earlier update removed it). `src/` does not compile against these types; its errors are listed below " +
          "as already failing, not counted.",
      );
      expect(body).toContain("### Already failing before this update (1)");
      expect(formatSummary(report, summary, formatReport(report)).split("\n")[0]).toMatch(
        /^✖ still absent: DELETE \/api\/user\/api_key\/\{api_key_id\}, which deleteUserApiKey\(\) in src\/ calls/,
      );
      expect(githubOutputs(report, summary)).toMatchObject({ breaking: "false", labels: "" });
    });

    it("back in the spec: no opening line, the operation marked as back", () => {
      const back = {
        ...calledRemoved(),
        status: "added" as const,
        breaking: false,
        changes: [change("operation added", "info")],
      };
      const report = reportOf([back], ["0.13.0", "0.13.0"]);
      expect(report.missingCalledOperations).toEqual([]);
      const body = formatMarkdown(report, summarize(report, noCompileErrors, lint, "0.2.0", true));
      expect(body).toContain(
        "- · `DELETE /api/user/api_key/{api_key_id}` (`delete_user_api_key`) by `deleteUserApiKey()`: back in the spec",
      );
      expect(body).not.toContain("Removed:");
    });
  });

  it("a compiler message quoting backticks cannot close the fence around it", () => {
    const report = reportOf([operation(1, "changed", [change("x", "info")])]);
    const error = { file: "src/a.ts", line: 1, column: 1, code: "TS2322", message: "Type '\n```\n@everyone' …" };
    const body = formatMarkdown(
      report,
      summarize(report, { ...noCompileErrors, errors: [error] }, lint, "0.1.0", true),
    );
    expect(body).toContain("````\nsrc/a.ts:1:1 TS2322 Type '␤```␤@everyone' …\n````");
  });
});

describe("CHANGELOG.md", () => {
  const report = reportOf([operation(1, "removed"), operation(2, "added")]);
  const summary = summarize(report, noCompileErrors, lint, "0.1.0", true);

  it("an entry: the version and the date, the bump, the counts, the breaking items", () => {
    expect(changelogEntry(report, summary, "2026-11-30", true)).toBe(
      [
        "## 0.2.0 (2026-11-30)",
        "",
        "Trieve spec `0.12.1` → `0.13.0`: breaking, minor bump (0.1.0 → 0.2.0).",
        "Operations: 1 added, 1 removed, 0 changed; changes: 1 breaking, 0 warning, 1 info.",
        "",
        "Breaking:",
        "",
        "- `POST /api/thing_1` (`thing_1`): operation removed",
        "",
      ].join("\n"),
    );
    const withBreaking = reportOf([
      operation(3, "changed", [
        change("response 200: property `a` removed", "breaking"),
        change("response 200: header `x-b` removed", "warning"),
      ]),
    ]);
    const entry = changelogEntry(
      withBreaking,
      summarize(withBreaking, noCompileErrors, lint, "0.1.0", true),
      "2026-11-30",
      false,
    );
    expect(entry).toMatch(/^## Unreleased \(2026-11-30\)\n/);
    expect(entry).toContain("minor bump due (0.1.0 → 0.2.0; not applied)");
    // The breaking items are the `breaking` changes only.
    expect(entry).toMatch(
      /\nBreaking:\n\n- `POST \/api\/thing_3` \(`thing_3`\): response 200: property `a` removed\n$/,
    );
  });

  it("goes on top, below the heading; a missing file gets the heading", () => {
    const first = addChangelogEntry(undefined, "## 0.2.0 (2026-11-30)\n\nfirst\n");
    expect(first).toMatch(/^# Changelog\n\n[^#]+\n\n## 0\.2\.0 \(2026-11-30\)\n\nfirst\n$/);
    const second = addChangelogEntry(first, "## 0.3.0 (2026-12-01)\n\nsecond\n");
    expect(second.indexOf("## 0.3.0")).toBeLessThan(second.indexOf("## 0.2.0"));
    expect(second.startsWith("# Changelog\n")).toBe(true);
    expect(second).toContain("second\n\n## 0.2.0");
  });
});

describe("the workflow's step outputs (--github-output)", () => {
  it("title with the bump, the label when breaking, one name=value line each", () => {
    const report = reportOf([operation(1, "removed")]);
    const outputs = githubOutputs(report, summarize(report, noCompileErrors, lint, "0.1.0", true));
    expect(outputs).toEqual({
      changed: "true",
      verdict: "breaking",
      bump: "minor",
      version: "0.2.0",
      breaking: "true",
      labels: "breaking",
      title: "Trieve spec 0.13.0: minor bump to 0.2.0, breaking",
    });
    expect(githubOutputText({ a: "1", b: "two\nlines" })).toBe("a=1\nb=two lines\n");
    // A version that is not one stays out of the title: it is plain text there, where @everyone would notify.
    const hostile = { ...report, to: { ...report.to, version: "@everyone [x](https://evil.example)" } };
    expect(githubOutputs(hostile, summarize(hostile, noCompileErrors, lint, "0.1.0", true)).title).toBe(
      "Trieve spec update: minor bump to 0.2.0, breaking",
    );
  });
});

describe("the compiler's word in the reports (the usage corpus)", () => {
  const verdict = (i: number, breaks: boolean, message = "Property 'a' does not exist on type '{ b: string; }'.") => ({
    method: "post",
    path: `/api/thing_${i}`,
    operationId: `thing_${i}`,
    compiler: breaks ? ("breaks" as const) : ("compiles" as const),
    compilerErrors: breaks
      ? [{ file: `.corpus/ops/post-api-thing-${i}.ts`, line: 31, column: 8, code: "TS2339", message }]
      : [],
    breaksForms: breaks ? (["inline", "annotated"] as const).slice() : [],
  });

  it("each operation that existed before gets the compiler's word; the text and Markdown show its first error", () => {
    const report = reportOf([
      operation(1, "changed", [change("response 200: property `a` removed", "breaking")]),
      operation(2, "changed", [change("response 200: property `c` added", "info")]),
      operation(3, "added"),
    ]);
    const corpus = { operations: [verdict(1, true), verdict(2, false)], existing: [] };
    addCompilerVerdicts(report, corpus.operations);
    expect(report.operations.map((o) => o.compiler)).toEqual(["breaks", "compiles", undefined]);
    expect(report.operations[0]).toMatchObject({
      compilerErrors: [
        ".corpus/ops/post-api-thing-1.ts:31:8 TS2339 Property 'a' does not exist on type '{ b: string; }'.",
      ],
      breaksForms: ["inline", "annotated"],
    });
    const summary = summarize(report, noCompileErrors, lint, "0.1.0", true, corpus);
    expect(summary).toMatchObject({ verdict: "breaking", compilerBreaks: 1, compilerCompiles: 1, disagreements: [] });
    const text = formatSummary(report, summary, formatReport(report));
    expect(text).toContain(
      "  POST /api/thing_1 (thing_1)\n    ⨯ compiler, inline, annotated: .corpus/ops/post-api-thing-1.ts:31:8 TS2339 Property 'a'",
    );
    expect(text).toContain("compiler:   1 operation break, 1 compile; rules and compiler agree\nverdict:    breaking");
    const body = formatMarkdown(report, summary);
    expect(body).toContain(
      "- `POST /api/thing_1` (`thing_1`)\n  - ⨯ compiler, `inline, annotated: .corpus/ops/post-api-thing-1.ts:31:8 TS2339",
    );
    expect(body).toContain(
      "Compiler (a caller of each operation, against the new types): 1 operation break, 1 compile;",
    );
    expect(body.match(/⨯ compiler/g)).toHaveLength(1);
  });

  it("an operation src/ calls shows the compiler's first error in its own section of the body", () => {
    const report = reportOf([operation(1, "changed", [change("response 200: property `a` removed", "breaking")])]);
    Object.assign(report.calledBySrc[0]!, { method: "post", path: "/api/thing_1", status: "changed", breaking: true });
    const corpus = { operations: [verdict(1, true)], existing: [] };
    addCompilerVerdicts(report, corpus.operations);
    const body = formatMarkdown(report, summarize(report, noCompileErrors, lint, "0.1.0", true, corpus));
    expect(body).toContain(
      "by `deleteUserApiKey()`: changed, **breaking for the wrapper**\n  - ⨯ compiler, `inline, annotated: .corpus/ops/post-api-thing-1.ts:31:8 TS2339",
    );
  });

  it("the compiler alone makes an update breaking, and the disagreement is listed as a gap in the rules", () => {
    const report = reportOf([operation(2, "changed", [change("response 200: property `c` added", "info")])]);
    const corpus = { operations: [verdict(2, true)], existing: [] };
    addCompilerVerdicts(report, corpus.operations);
    const summary = summarize(report, noCompileErrors, lint, "0.1.0", true, corpus);
    expect(summary.verdict).toBe("breaking");
    expect(summary.disagreements).toEqual([
      {
        method: "post",
        path: "/api/thing_2",
        operationId: "thing_2",
        rules: "non-breaking",
        compiler: "breaks",
        ruleIds: [ids.info],
      },
    ]);
    expect(formatSummary(report, summary, formatReport(report))).toContain(
      `Rules and compiler disagree (1): a rule of scripts/spec-diff/ is wrong, or the usage corpus is:\n  ? POST /api/thing_2: rules non-breaking, compiler breaks (${ids.info})`,
    );
    expect(formatMarkdown(report, summary)).toContain("### Rules and compiler disagree (1)");
  });

  it("a long compiler message is cut in the reports, and the body stays under GitHub's limit", () => {
    const long = `Type '{ ${"field: string; ".repeat(400)}}' is not assignable.`;
    const operations = Array.from({ length: 150 }, (_, i) =>
      operation(i, "changed", [change(`response 200: property \`b${i}\` removed ${"x".repeat(200)}`, "breaking")]),
    );
    const report = reportOf(operations);
    const corpus = { operations: operations.map((_, i) => verdict(i, true, long)), existing: [] };
    addCompilerVerdicts(report, corpus.operations);
    const body = formatMarkdown(report, summarize(report, noCompileErrors, lint, "0.1.0", true, corpus));
    expect(body.length).toBeLessThanOrEqual(maxBodyLength);
    expect(body).not.toContain(long);
    for (let i = 0; i < 150; i++) expect(body).toContain(`\`POST /api/thing_${i}\``);
  });
});
