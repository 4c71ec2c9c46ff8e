import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { calledOperations } from "../scripts/shared/called-operations.js";
import { diffSpecs, type SpecDiff } from "../scripts/spec-diff/spec-diff.js";
import { compilerNotes, rules } from "../scripts/spec-diff/rules.js";
import { buildReport, formatReport, groupByLevel } from "../scripts/spec-diff/update-report.js";
import { resolvePointer } from "../scripts/spec-diff/json-pointer.js";
import { sharedSpec } from "./helpers/shared-specs.js";
import { base, loadFixture as load, overlay, ruleFixtures } from "./helpers/spec-diff-fixtures.js";

type Row = readonly [operation: string, id: string, level: string, message: string, pointer: string];

const rowsOf = (diff: SpecDiff): Row[] =>
  diff.operations.flatMap((o) =>
    o.changes.map((c) => [`${o.method.toUpperCase()} ${o.path}`, c.id, c.level, c.message, c.pointer] as const),
  );

/** The diff of base.yaml → <name>.yaml, as `[operation, id, level, message, pointer]` rows. */
const rows = (name: string): Row[] => rowsOf(diffSpecs(base, load(name)));

function expectRows(actual: Row[], expected: readonly Row[]): void {
  expect(new Set(actual)).toEqual(new Set(expected));
  expect(actual).toHaveLength(expected.length);
}

/** The first fixtures: each a full copy of base.yaml with one change. */
const original: Array<[string, Row[]]> = [
  ["operation-added", [["GET /items", "endpoint-added", "info", "operation added", "/paths/~1items/get"]]],
  [
    "operation-removed",
    [
      [
        "POST /items/{id}/archive",
        "api-path-removed-without-deprecation",
        "breaking",
        "operation removed",
        "/paths/~1items~1{id}~1archive/post",
      ],
    ],
  ],
  [
    "operation-id-changed",
    [
      [
        "GET /items/{id}",
        "api-operation-id-removed",
        "breaking",
        "operationId changed from `get_item` to `fetch_item`",
        "/paths/~1items~1{id}/get/operationId",
      ],
    ],
  ],
  [
    "parameter-added-required",
    [
      [
        "GET /items/{id}",
        "new-required-request-parameter",
        "breaking",
        "required query parameter `version` added",
        "/paths/~1items~1{id}/get/parameters/0",
      ],
    ],
  ],
  [
    "parameter-added-optional",
    [
      [
        "GET /items/{id}",
        "new-optional-request-parameter",
        "info",
        "optional header parameter `X-Trace` added",
        "/paths/~1items~1{id}/get/parameters/0",
      ],
    ],
  ],
  [
    "parameter-removed",
    [
      [
        "GET /items/{id}",
        "request-parameter-removed",
        "breaking",
        "query parameter `fields` removed",
        "/paths/~1items~1{id}/get/parameters/0",
      ],
    ],
  ],
  [
    "parameter-required",
    [
      [
        "GET /items/{id}",
        "request-parameter-became-required",
        "breaking",
        "query parameter `fields` is now required",
        "/paths/~1items~1{id}/get/parameters/0",
      ],
    ],
  ],
  [
    "parameter-moved",
    [
      [
        "GET /items/{id}",
        "request-parameter-location-changed",
        "breaking",
        "parameter `fields` moved from query to header",
        "/paths/~1items~1{id}/get/parameters/0",
      ],
    ],
  ],
  [
    "parameter-type",
    [
      [
        "GET /items/{id}",
        "request-parameter-type-changed",
        "breaking",
        "query parameter `fields`: type changed from string to integer",
        "/paths/~1items~1{id}/get/parameters/0/schema",
      ],
    ],
  ],
  [
    "request-body-required",
    [
      [
        "POST /items",
        "request-body-became-required",
        "breaking",
        "request body is now required",
        "/paths/~1items/post/requestBody",
      ],
    ],
  ],
  [
    "request-body-removed",
    [["POST /items", "request-body-removed", "breaking", "request body removed", "/paths/~1items/post/requestBody"]],
  ],
  [
    "request-body-added",
    [
      [
        "POST /items/{id}/archive",
        "request-body-added-required",
        "breaking",
        "required request body added",
        "/paths/~1items~1{id}~1archive/post/requestBody",
      ],
    ],
  ],
  [
    "response-added",
    [
      [
        "GET /items/{id}",
        "response-non-success-status-added",
        "info",
        "response 410 added",
        "/paths/~1items~1{id}/get/responses/410",
      ],
    ],
  ],
  [
    "response-removed",
    [
      [
        "POST /items",
        "response-success-status-removed",
        "breaking",
        "response 201 removed",
        "/paths/~1items/post/responses/201",
      ],
      [
        "POST /items",
        "response-success-status-added",
        "info",
        "response 200 added",
        "/paths/~1items/post/responses/200",
      ],
    ],
  ],
  [
    "request-schema",
    [
      [
        "POST /items",
        "new-required-request-property",
        "breaking",
        "request body: property `owner` added (required)",
        "/components/schemas/NewItem/properties/owner",
      ],
    ],
  ],
  [
    "response-schema",
    [
      // GET and POST both answer with Item: the change is listed for each operation, at the one place it happened
      ...(["POST /items", "GET /items/{id}"] as const).flatMap((op) => {
        const code = op === "POST /items" ? 201 : 200;
        return [
          [
            op,
            "response-required-property-removed",
            "breaking",
            `response ${code}: property \`name\` removed`,
            "/components/schemas/Item/properties/name",
          ],
          [
            op,
            "response-property-enum-value-added",
            "breaking",
            `response ${code}: enum value "deleted" added`,
            "/components/schemas/Item/properties/status",
          ],
          [
            op,
            "response-optional-property-added",
            "info",
            `response ${code}: property \`color\` added`,
            "/components/schemas/Item/properties/color",
          ],
        ] as const;
      }),
    ],
  ],
  [
    "response-nullable",
    [
      // utoipa's `allOf: [$ref] + nullable` is "may now be null", not a new allOf branch
      ...(["POST /items", "GET /items/{id}"] as const).map(
        (op) =>
          [
            op,
            "response-property-became-nullable",
            "breaking",
            `response ${op === "POST /items" ? 201 : 200}: may now be null`,
            "/components/schemas/Tags",
          ] as const,
      ),
    ],
  ],
  [
    "security",
    [
      [
        "GET /items/{id}",
        "api-security-removed",
        "breaking",
        "security ApiKey removed",
        "/paths/~1items~1{id}/get/security",
      ],
      [
        "GET /items/{id}",
        "api-security-added",
        "info",
        "security OtherKey added as an alternative",
        "/paths/~1items~1{id}/get/security",
      ],
      [
        "POST /items/{id}/archive",
        "api-security-removed-operation-public",
        "info",
        "security ApiKey removed: no credential needed",
        "/paths/~1items~1{id}~1archive/post/security",
      ],
    ],
  ],
];

describe("spec diff: the original fixture pairs (base.yaml → a full copy with one change)", () => {
  it("no change: base against itself", () => {
    expect(diffSpecs(base, load("base")).operations).toEqual([]);
  });

  it.each(original)("%s", (name, expected) => {
    expectRows(rows(name), expected);
  });

  it("each pointer leads to what changed: in the new spec, or in the old one for what was removed", () => {
    const at = (name: string) => {
      const after = load(name);
      return diffSpecs(base, after)
        .operations.flatMap((o) => o.changes)
        .map((c) => [c.in, resolvePointer(c.in === "old" ? base : after, c.pointer)]);
    };
    expect(at("operation-removed")).toEqual([["old", expect.objectContaining({ operationId: "archive_item" })]]);
    expect(at("parameter-removed")).toEqual([["old", { name: "fields", in: "query", schema: { type: "string" } }]]);
    expect(at("request-body-removed")).toEqual([
      ["old", { content: { "application/json": { schema: { $ref: "#/components/schemas/NewItem" } } } }],
    ]);
    expect(at("response-removed")).toEqual([
      ["old", expect.objectContaining({ description: "created" })],
      ["new", expect.objectContaining({ description: "created" })],
    ]);
    expect(at("response-schema")).toEqual(
      [1, 2].flatMap(() => [
        ["old", { type: "string" }],
        ["new", { type: "string", enum: ["active", "archived", "deleted"] }],
        ["new", { type: "string" }],
      ]),
    );
    expect(at("security")).toEqual([
      ["new", [{ OtherKey: [] }]],
      ["new", [{ OtherKey: [] }]],
      ["new", []],
    ]);
    expect(at("parameter-type")).toEqual([["new", { type: "integer" }]]);
    expect(at("request-schema")).toEqual([["new", { type: "string" }]]);
  });

  it("is symmetric in what it finds: reversing a pair flips added and removed", () => {
    const forward = diffSpecs(base, load("operation-added"));
    const backward = diffSpecs(load("operation-added"), base);
    expect(forward.counts).toMatchObject({ added: 1, removed: 0 });
    expect(backward.counts).toMatchObject({ added: 0, removed: 1 });
    expect(backward.operations[0]?.changes.map((c) => [c.id, c.level])).toEqual([
      ["api-removed-without-deprecation", "breaking"],
    ]);
  });

  it("a request schema change and the same change in a response are classified the other way round", () => {
    // NewItem (sent) gains a required property: breaking; Item (read) gains one: info.
    const sent = diffSpecs(base, load("request-schema")).operations.flatMap((o) => o.changes);
    const read = diffSpecs(base, load("response-schema")).operations.flatMap((o) => o.changes);
    expect(sent.find((c) => c.message.includes("`owner` added"))?.level).toBe("breaking");
    expect(read.find((c) => c.message.includes("`color` added"))?.level).toBe("info");
  });
});

describe("spec diff: one fixture pair per rule (rules/<id>.yaml: base.yaml with JSON pointers set, before and after)", () => {
  it.each(ruleFixtures)("%s", (name, fixture) => {
    expect(fixture.expect.some((e) => e.id === name)).toBe(true); // the file is named after its rule
    const diff = diffSpecs(overlay(fixture.before), overlay(fixture.after));
    const expected = fixture.expect.map((e) => [e.operation, e.id, e.level, e.message, e.pointer] as const);
    expectRows(rowsOf(diff), expected);
    const where = diff.operations.flatMap((o) => o.changes.map((c) => `${c.id} ${c.pointer} ${c.in}`));
    expect(new Set(where)).toEqual(new Set(fixture.expect.map((e) => `${e.id} ${e.pointer} ${e.in ?? "new"}`)));
  });

  it("only breaking changes count as breaking: a warning or an info alone lets spec:update write", () => {
    const warned = diffSpecs(base, overlay({ "/paths/~1items~1{id}/get/responses/404": null }));
    expect(warned.counts).toMatchObject({
      breakingChanges: 0,
      warningChanges: 1,
      infoChanges: 0,
      nonBreakingChanges: 1,
    });
    expect(warned.operations[0]?.breaking).toBe(false);
  });

  it("x-sunset is compared with the time of the diff: before that date the removal is still breaking", () => {
    const [, fixture] = ruleFixtures.find(([name]) => name === "api-removed-with-deprecation")!;
    const [before, after] = [overlay(fixture.before), overlay(fixture.after)];
    const at = (now: string) =>
      diffSpecs(before, after, { now: new Date(now) }).operations.flatMap((o) => o.changes.map((c) => [c.id, c.level]));
    expect(at("2019-12-31T23:59:59Z")).toEqual([["api-removed-before-sunset", "breaking"]]);
    expect(at("2020-01-01T00:00:00Z")).toEqual([["api-removed-with-deprecation", "info"]]);
  });

  it("every rule of rules.ts has a fixture above", () => {
    const pattern = (rule: string) =>
      new RegExp(`^${rule.replace("*", "(?:parameter-property|parameter|body|property|header)")}$`);
    const exercised = [
      ...original.flatMap(([, expected]) => expected.map((row) => row[1])),
      ...ruleFixtures.flatMap(([, fixture]) => fixture.expect.map((e) => e.id)),
    ];
    const missing = Object.keys(rules).filter((rule) => !exercised.some((id) => pattern(rule).test(id)));
    expect(missing).toEqual([]);
  });

  it("the rule table of docs/breaking-changes.md lists every rule with its level, and nothing else", () => {
    const doc = readFileSync(fileURLToPath(new URL("../docs/breaking-changes.md", import.meta.url)), "utf8");
    const table = new Map(
      [...doc.matchAll(/^\| `([a-z*-]+)` +\| (breaking|warning|info) +\|/gm)].map((m) => [m[1]!, m[2]!]),
    );
    expect(Object.fromEntries(table)).toEqual(rules);
  });

  it("its compiler column marks the rules whose verdict the usage corpus cannot prove, as rules.ts does", () => {
    const doc = readFileSync(fileURLToPath(new URL("../docs/breaking-changes.md", import.meta.url)), "utf8");
    const column = [...doc.matchAll(/^\| `([a-z*-]+)` +\| (?:breaking|warning|info) +\| \S+ +\| ([a-z-]*) +\|/gm)];
    expect(column).toHaveLength(Object.keys(rules).length);
    expect(Object.fromEntries(column.filter((m) => m[2]).map((m) => [m[1]!, m[2]!]))).toEqual(compilerNotes);
    // Only a breaking rule can be runtime-only, only a non-breaking one announced.
    for (const [rule, note] of Object.entries(compilerNotes))
      expect([rule, rules[rule]]).toEqual([rule, note === "runtime-only" ? "breaking" : "info"]);
  });
});

describe("spec diff: the report", () => {
  const diff = () => diffSpecs(base, load("response-schema"));

  it("groups the changes by level, breaking first, each by operation", () => {
    const groups = groupByLevel(diff().operations);
    expect(
      groups.map((g) => [
        g.level,
        g.count,
        g.operations.map((o) => [o.operation.operationId, o.changes.map((c) => c.id)]),
      ]),
    ).toEqual([
      [
        "breaking",
        4,
        [
          ["create_item", ["response-required-property-removed", "response-property-enum-value-added"]],
          ["get_item", ["response-required-property-removed", "response-property-enum-value-added"]],
        ],
      ],
      [
        "info",
        2,
        [
          ["create_item", ["response-optional-property-added"]],
          ["get_item", ["response-optional-property-added"]],
        ],
      ],
    ]);
  });

  it("shows each change's level and rule id, under a heading per level", () => {
    const report = buildReport(
      diff(),
      calledOperations,
      { file: "a", version: "1" },
      { source: "b", version: "2" },
      new Map(),
    );
    const text = formatReport(report);
    expect(text).toContain(
      [
        "Breaking (4 changes):",
        "  POST /items (create_item)",
        "    ✖ response 201: property `name` removed  was at #/components/schemas/Item/properties/name  [breaking] response-required-property-removed",
      ].join("\n"),
    );
    expect(text).toContain(
      [
        "Info (2 changes):",
        "  POST /items (create_item)",
        "    · response 201: property `color` added  at #/components/schemas/Item/properties/color  [info] response-optional-property-added",
      ].join("\n"),
    );
    expect(text.indexOf("Breaking (4 changes):")).toBeLessThan(text.indexOf("Info (2 changes):"));
    expect(text).not.toContain("Warning (");
    // --json prints the report object as is: each change carries its id and level
    const json = JSON.parse(JSON.stringify(report)) as typeof report;
    expect(json.operations[0]?.changes[0]).toEqual({
      id: "response-required-property-removed",
      level: "breaking",
      message: "response 201: property `name` removed",
      // the spec's strings apart from ours, for Markdown (scripts/spec-diff/message.ts)
      parts: [
        "response ",
        { spec: "201", quoted: false },
        ": ",
        "property ",
        { spec: "name", quoted: true },
        " removed",
      ],
      pointer: "/components/schemas/Item/properties/name",
      in: "old",
    });
  });

  it("marks a removal after the sunset date as info in the Removed list, with the reason", () => {
    const before = structuredClone(base) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    Object.assign(before.paths["/items/{id}/archive"]!.post!, { deprecated: true, "x-sunset": "2020-01-01" });
    const report = buildReport(
      diffSpecs(before, load("operation-removed")),
      calledOperations,
      { file: "a", version: "1" },
      { source: "b", version: "2" },
      new Map(),
    );
    expect(formatReport(report)).toMatch(
      /^Removed \(1\):\n {2}· POST \/items\/\{id\}\/archive \(archive_item\): operation removed after its sunset date 2020-01-01$/m,
    );
  });
});

describe("spec diff: the operations src/ calls", () => {
  it("are declared in src/called-operations.ts: today DELETE /api/user/api_key/{api_key_id} by deleteUserApiKey", () => {
    expect(calledOperations).toEqual([
      { method: "delete", path: "/api/user/api_key/{api_key_id}", by: "deleteUserApiKey" },
    ]);
  });

  it("a change to one of them is listed first and apart, marked breaking for the wrapper", () => {
    const diff = diffSpecs(base, load("called-operation-changed"));
    const report = buildReport(
      diff,
      calledOperations,
      { file: "a", version: "1" },
      { source: "b", version: "2" },
      new Map(),
    );
    expect(report.calledBySrc).toHaveLength(1);
    expect(report.calledBySrc[0]).toMatchObject({
      operationId: "delete_user_api_key",
      status: "changed",
      breaking: true,
    });
    const text = formatReport(report);
    const calledSection = text.indexOf("Called by src/ (1):");
    expect(calledSection).toBeGreaterThan(text.indexOf("changes:    1 breaking, 0 non-breaking"));
    expect(text.slice(calledSection)).toMatch(
      /^Called by src\/ \(1\):\n {2}✖ DELETE \/api\/user\/api_key\/\{api_key_id\} \(delete_user_api_key\) by deleteUserApiKey\(\): changed, BREAKING for the wrapper\n {4}✖ required query parameter `confirm` added {2}at #\/paths\/~1api~1user~1api_key~1\{api_key_id\}\/delete\/parameters\/1 {2}\[breaking\] new-required-request-parameter\n/,
    );
  });
});

describe("spec diff: Trieve's real specs (../shared/specs/trieve)", () => {
  const trieve = (version: "0.12.1" | "0.13.0") =>
    JSON.parse(readFileSync(sharedSpec(version), "utf8")) as Record<string, unknown>;
  const seed = () => parse(readFileSync(fileURLToPath(new URL("fixtures/seed/trieve.yaml", import.meta.url)), "utf8"));
  const ops = (diff: SpecDiff, status: string) =>
    diff.operations.filter((o) => o.status === status).map((o) => `${o.method.toUpperCase()} ${o.path}`);

  it("0.12.1 → 0.13.0: the 3 removed operations, 36 added and 3 operationId renames of the specs' README", () => {
    const [before, after] = [trieve("0.12.1"), trieve("0.13.0")];
    const diff = diffSpecs(before, after);
    expect(ops(diff, "removed").sort()).toEqual([
      "GET /api/dataset/crawl_options/{dataset_id}",
      "GET /api/organization/usage/{organization_id}",
      "POST /api/user/api_key",
    ]);
    const added = ops(diff, "added");
    expect(added).toHaveLength(36);
    expect(added).toContain("POST /api/organization/usage/{organization_id}"); // the GET became a POST
    // The added ones are exactly the operations of 0.13.0 that 0.12.1 lacks, counted independently.
    const keys = (doc: Record<string, unknown>) =>
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, item]) =>
        Object.keys(item)
          .filter((m) => ["get", "put", "post", "delete", "patch", "options", "head", "trace"].includes(m))
          .map((m) => `${m.toUpperCase()} ${p}`),
      );
    const old = new Set(keys(before));
    expect(new Set(added)).toEqual(new Set(keys(after).filter((k) => !old.has(k))));
    const renames = diff.operations
      .filter((o) => o.previousOperationId !== undefined)
      .map((o) => `${o.previousOperationId} → ${o.operationId}`);
    expect(renames.sort()).toEqual([
      "callback → oidc_callback",
      "create_setup_checkout_session → update_payment_method",
      "get_dataset_files_handler → get_dataset_files_and_group_ids_handler",
    ]);
    for (const o of diff.operations.filter((o) => o.status === "removed" || o.previousOperationId))
      expect(o.breaking).toBe(true);
    // The wrapper's operation is identical in both files (README): no change may be reported for it.
    expect(diff.operations.find((o) => o.path === "/api/user/api_key/{api_key_id}")).toBeUndefined();
  });

  it("seed → 0.12.1: 99 operations added, nothing removed or changed, nothing breaking", () => {
    const diff = diffSpecs(seed(), trieve("0.12.1"));
    expect(diff.counts).toEqual({
      added: 99,
      removed: 0,
      changed: 0,
      renamed: 0,
      breakingChanges: 0,
      nonBreakingChanges: 99,
      warningChanges: 0,
      infoChanges: 99,
    });
  });

  it("flags breaking every operation api-smart-diff flags breaking, except where we disagree on purpose", async () => {
    // A cross-check against the library we evaluated (docs/breaking-changes.md, "Why a differ of our own").
    const { apiCompare } = await import("api-smart-diff");
    const [before, after] = [trieve("0.12.1"), trieve("0.13.0")];
    const breaking = apiCompare(before, after).diffs.filter((d) => d.type === "breaking" && d.path[0] === "paths");
    // api-smart-diff calls `nullable` added to a request field or parameter breaking; it widens what a client may send.
    const widensRequest = (d: (typeof breaking)[number]) =>
      d.action === "add" && d.path.at(-1) === "nullable" && (d.path[3] === "requestBody" || d.path[3] === "parameters");
    const key = (d: (typeof breaking)[number]) => `${String(d.path[2]).toUpperCase()} ${String(d.path[1])}`;
    const theirs = new Set(breaking.filter((d) => !widensRequest(d)).map(key));
    const ours = new Set(
      diffSpecs(before, after)
        .operations.filter((o) => o.breaking)
        .map((o) => `${o.method.toUpperCase()} ${o.path}`),
    );
    expect([...theirs].filter((op) => !ours.has(op))).toEqual([]);
    expect(theirs.size).toBeGreaterThan(10); // 15 operations: the check compares something
  });
});
