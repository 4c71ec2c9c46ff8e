/**
 * Two specs whose every name is hostile Markdown, as a spec fetched from the internet may hold: a mention, raw
 * HTML, a link, backticks (at the edges too), a comment's end and a blank line. The update between them touches
 * each place a spec string reaches the report: a path, an operationId, a parameter, a response header, a
 * property, an enum value, info.version.
 */

/** The hostile text, tagged with where it goes, so that a test can find each one in the output. */
export const hostile = (where: string) =>
  `\`${where} @everyone <img src=x onerror=alert(1)> [x](https://evil.example) \`\`b\`\` */\n\n# ${where}\``;

export const hostileSource = `https://example.invalid/${hostile("source")}`;

type Doc = Record<string, unknown>;

export function hostileSpecs(): { before: Doc; after: Doc } {
  const responses = (extra: Doc) => ({
    "200": {
      description: "ok",
      ...extra,
    },
  });
  const body = (properties: Doc) => ({
    content: { "application/json": { schema: { type: "object", properties } } },
  });
  const before = {
    openapi: "3.0.3",
    info: { title: "hostile", version: "1.0.0" },
    paths: {
      "/api/items": {
        get: {
          operationId: "list_items",
          parameters: [],
          responses: responses(
            body({ kind: { type: "string", enum: ["a"] }, [hostile("property removed")]: { type: "string" } }),
          ),
        },
      },
      [`/api/${hostile("removed path")}`]: {
        get: { operationId: hostile("removed operationId"), responses: responses({}) },
      },
    },
  };
  const after = {
    openapi: "3.0.3",
    info: { title: "hostile", version: hostile("info.version") },
    paths: {
      "/api/items": {
        get: {
          operationId: hostile("renamed operationId"),
          parameters: [{ name: hostile("parameter"), in: "query", schema: { type: "string" } }],
          responses: responses({
            headers: { [hostile("header")]: { schema: { type: "string" } } },
            ...body({ kind: { type: "string", enum: ["a", hostile("enum value")] } }),
          }),
        },
      },
      [`/api/${hostile("added path")}`]: {
        get: { operationId: hostile("added operationId"), responses: responses({}) },
      },
    },
  };
  return { before, after };
}
