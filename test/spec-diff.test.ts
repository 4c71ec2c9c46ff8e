import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { calledOperations } from "../scripts/shared/called-operations.js";
import { diffSpecs, type SpecDiff } from "../scripts/spec-diff/spec-diff.js";
import { buildReport, formatReport } from "../scripts/spec-diff/update-report.js";
import { resolvePointer } from "../scripts/spec-diff/json-pointer.js";
import { sharedSpec } from "./helpers/shared-specs.js";

const fixtures = fileURLToPath(new URL("fixtures/spec-diff/", import.meta.url));
const load = (name: string) =>
  parse(readFileSync(path.join(fixtures, `${name}.yaml`), "utf8")) as Record<string, unknown>;
const base = load("base");

type Row = readonly [operation: string, kind: string, breaking: boolean, message: string, pointer: string];

/** The diff of base.yaml → <name>.yaml, as `[operation, kind, breaking, message, pointer]` rows. */
function rows(name: string): Row[] {
  const diff = diffSpecs(base, load(name));
  return diff.operations.flatMap((o) =>
    o.changes.map((c) => [`${o.method.toUpperCase()} ${o.path}`, c.kind, c.breaking, c.message, c.pointer] as const),
  );
}

describe("spec diff: one fixture pair per kind of change", () => {
  it("no change: base against itself", () => {
    expect(diffSpecs(base, load("base")).operations).toEqual([]);
  });

  it.each<[string, Row[]]>([
    ["operation-added", [["GET /items", "operation-added", false, "operation added", "/paths/~1items/get"]]],
    [
      "operation-removed",
      [
        [
          "POST /items/{id}/archive",
          "operation-removed",
          true,
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
          "operation-id-changed",
          true,
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
          "parameter-added",
          true,
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
          "parameter-added",
          false,
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
          "parameter-removed",
          true,
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
          "parameter-required-changed",
          true,
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
          "parameter-location-changed",
          true,
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
          "parameter-schema-changed",
          true,
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
          "request-body-required-changed",
          true,
          "request body is now required",
          "/paths/~1items/post/requestBody",
        ],
      ],
    ],
    [
      "request-body-removed",
      [["POST /items", "request-body-removed", true, "request body removed", "/paths/~1items/post/requestBody"]],
    ],
    [
      "request-body-added",
      [
        [
          "POST /items/{id}/archive",
          "request-body-added",
          true,
          "required request body added",
          "/paths/~1items~1{id}~1archive/post/requestBody",
        ],
      ],
    ],
    [
      "response-added",
      [["GET /items/{id}", "response-added", false, "response 410 added", "/paths/~1items~1{id}/get/responses/410"]],
    ],
    [
      "response-removed",
      [
        ["POST /items", "response-removed", true, "response 201 removed", "/paths/~1items/post/responses/201"],
        ["POST /items", "response-added", false, "response 200 added", "/paths/~1items/post/responses/200"],
      ],
    ],
    [
      "request-schema",
      [
        [
          "POST /items",
          "request-schema-changed",
          true,
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
              "response-schema-changed",
              true,
              `response ${code}: property \`name\` removed`,
              "/components/schemas/Item/properties/name",
            ],
            [
              op,
              "response-schema-changed",
              true,
              `response ${code}: enum value "deleted" added`,
              "/components/schemas/Item/properties/status",
            ],
            [
              op,
              "response-schema-changed",
              false,
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
              "response-schema-changed",
              true,
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
          "security-changed",
          true,
          "security changed from ApiKey to OtherKey",
          "/paths/~1items~1{id}/get/security",
        ],
        [
          "POST /items/{id}/archive",
          "security-changed",
          false,
          "security changed from ApiKey to (none)",
          "/paths/~1items~1{id}~1archive/post/security",
        ],
      ],
    ],
  ])("%s", (name, expected) => {
    const actual = rows(name);
    expect(new Set(actual)).toEqual(new Set(expected));
    expect(actual).toHaveLength(expected.length);
  });

  it("every pointer resolves: in the new spec, or in the old one for what was removed", () => {
    const names = [
      "operation-removed",
      "parameter-removed",
      "request-body-removed",
      "response-removed",
      "response-schema",
      "security",
      "parameter-type",
      "request-schema",
    ];
    for (const name of names) {
      const after = load(name);
      for (const change of diffSpecs(base, after).operations.flatMap((o) => o.changes))
        expect(
          resolvePointer(change.in === "old" ? base : after, change.pointer),
          `${name}: ${change.pointer}`,
        ).toBeDefined();
    }
  });

  it("is symmetric in what it finds: reversing a pair flips added and removed", () => {
    const forward = diffSpecs(base, load("operation-added"));
    const backward = diffSpecs(load("operation-added"), base);
    expect(forward.counts).toMatchObject({ added: 1, removed: 0 });
    expect(backward.counts).toMatchObject({ added: 0, removed: 1 });
    expect(backward.operations[0]?.breaking).toBe(true);
  });

  it("a request schema change and the same change in a response are classified the other way round", () => {
    // NewItem (sent) gains a required property: breaking; Item (read) gains one: not breaking.
    const sent = diffSpecs(base, load("request-schema")).operations.flatMap((o) => o.changes);
    const read = diffSpecs(base, load("response-schema")).operations.flatMap((o) => o.changes);
    expect(sent.find((c) => c.message.includes("`owner` added"))?.breaking).toBe(true);
    expect(read.find((c) => c.message.includes("`color` added"))?.breaking).toBe(false);
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
      /^Called by src\/ \(1\):\n {2}✖ DELETE \/api\/user\/api_key\/\{api_key_id\} \(delete_user_api_key\) by deleteUserApiKey\(\): changed, BREAKING for the wrapper\n {4}✖ required query parameter `confirm` added/,
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
    const start = performance.now();
    const diff = diffSpecs(before, after);
    const ms = performance.now() - start;
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
    expect(ms).toBeLessThan(2000); // about 40 ms here; api-smart-diff takes about 1.1 s on the same pair
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
    });
  });

  it("flags breaking every operation api-smart-diff flags breaking, except where we disagree on purpose", async () => {
    // A cross-check against the library we evaluated (see README, "Updating the spec").
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
