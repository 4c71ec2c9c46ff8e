import { sample } from "openapi-sampler";
import { followRefs } from "./json-pointer.js";
import { isObj, listOperations, operationKey, type Located, type Obj } from "./operations.js";

/**
 * The usage corpus: one typed caller through openapi-fetch for every operation of the OLD spec, written from
 * it, to be compiled against the NEW generated types (corpus-compile.ts). It is what a user of `raw` may have
 * written against the old types, so whatever it stops compiling on is a break that a user meets, proven by the
 * compiler rather than argued by a rule (docs/breaking-changes.md, "Two judges").
 *
 * Each operation gets its own file (a compiler error's file names the operation), with:
 * - `inline()`: the call with every parameter and body property the old spec declares, as object literals in
 *   the call, and a second call with only what it requires. openapi-fetch 0.17 infers the init type from the
 *   literal, so there is no excess-property check: an extra property compiles, a wrong type does not;
 * - `annotated()`: the same values declared with the generated types first (`const body: …["application/json"]`),
 *   where the excess-property check applies (a removed property breaks), a value of each other media type, and
 *   `passedOn()`, values typed with the OLD types passed to the call: what the old types let a caller send, the
 *   new ones must accept (a property made required, an enum value or a `oneOf` branch removed, null refused);
 * - `responses()`: every documented response body (success and error, every media type) of the new types,
 *   assigned to the old type (a retyped field, a field made optional, a new enum value), and every property
 *   path the old schema declares, read (a removed field, optional ones included);
 * - `Named`: the operation's entry in `operations`, by its old operationId, as users name it in their helpers.
 * Values come from openapi-sampler: one branch of each `oneOf`/`anyOf`, the first enum value, a depth limit.
 */
export interface CorpusFile {
  /** relative to the overlay's root, with forward slashes: `.corpus/ops/get-items-id.ts` */
  file: string;
  method: string;
  path: string;
  operationId: string | undefined;
  text: string;
  /** the 1-based line ranges of the two forms (`passedOn()` is annotated); any other line counts for both */
  forms: { inline: [number, number]; annotated: [number, number] };
}

export interface CorpusOptions {
  /** the folder of the corpus, relative to the overlay's root (`.corpus`) */
  dir: string;
  /** the module specifier, from `<dir>/ops/`, of the NEW generated types */
  newTypes: string;
  /** the module specifier, from `<dir>/ops/`, of the OLD generated types */
  oldTypes: string;
}

/** How deep the response reads and the sampled values go: a recursive schema is cut there. */
const maxReadDepth = 4;
const maxSampleDepth = 15;

export function usageCorpus(before: Obj, options: CorpusOptions): CorpusFile[] {
  // openapi-sampler takes a schema's `example` when there is one: a partial value (Trieve's often leave out
  // properties, or hold ones the schema lacks). Without them, it builds the value from the schema itself.
  const doc = withoutExamples(before) as Obj;
  const names = new Set<string>();
  const corpus: CorpusFile[] = [];
  // A removed operation gets its caller too: the compiler's proof that its removal breaks (or, with an
  // `x-sunset` date passed, that the deprecation announced what now fails to compile).
  for (const located of listOperations(doc).values()) {
    let name = fileName(located.ref.method, located.ref.path);
    for (let n = 2; names.has(name); n++) name = `${fileName(located.ref.method, located.ref.path)}-${n}`;
    names.add(name);
    corpus.push(operationFile(doc, located, `${options.dir}/ops/${name}.ts`, options));
  }
  return corpus;
}

/** A copy of the document without `example` and `examples` (a property of that name under `properties` stays). */
function withoutExamples(node: unknown, parentKey?: string): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutExamples(item));
  if (!isObj(node)) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => parentKey === "properties" || (key !== "example" && key !== "examples"))
      .map(([key, value]) => [key, withoutExamples(value, key)]),
  );
}

/** `POST /items/{id}/archive` → `post-items-id-archive` */
const fileName = (method: string, path: string) =>
  `${method}-${path.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}`.toLowerCase() || method;

/** A TypeScript literal of a JSON value (undefined, which a sampler gives for `{}`, becomes null). */
const literal = (value: unknown) => JSON.stringify(value ?? null);
/** `.name`, or `["a-b"]` for a name that is not an identifier */
const access = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `?.${name}` : `?.[${JSON.stringify(name)}]`);

function operationFile(doc: Obj, located: Located, file: string, options: CorpusOptions): CorpusFile {
  const { method, path } = located.ref;
  const operationId = typeof located.op.operationId === "string" ? located.op.operationId : undefined;
  const P = JSON.stringify(path);
  const M = method.toUpperCase();
  const params = parameterValues(doc, located);
  const body = requestBody(doc, located.op);

  const lines = [
    `// ${operationKey(method, path)}${operationId ? ` (${operationId})` : ""}: a caller written against the old types`,
    "// (generated by scripts/spec-diff/usage-corpus.ts for spec:update; compiled against the new types)",
    `import type { Client } from "openapi-fetch";`,
    `import type { operations, paths } from ${JSON.stringify(options.newTypes)};`,
    `import type * as old from ${JSON.stringify(options.oldTypes)};`,
    "",
    "declare const client: Client<paths>;",
    `type Op = paths[${P}][${JSON.stringify(method)}];`,
    `type OldOp = old.paths[${P}][${JSON.stringify(method)}];`,
  ];
  if (operationId) lines.push(`export type Named = operations[${JSON.stringify(operationId)}];`);

  const paramsLiteral = Object.keys(params).length > 0 ? literal(params) : undefined;
  const bodyLiteral = body ? literal(body.value) : undefined;
  const inlineParts = [
    paramsLiteral === undefined ? "" : `params: ${paramsLiteral}`,
    bodyLiteral === undefined ? "" : `body: ${bodyLiteral}`,
  ].filter(Boolean);

  // The least a caller must pass: what the old spec requires, and nothing else. A parameter or a body
  // property that becomes required breaks this call only.
  const required = parameterValues(doc, located, true);
  const requiredBody = body?.required ? literal(body.requiredValue) : undefined;
  const requiredParts = [
    Object.keys(required).length > 0 ? `params: ${literal(required)}` : "",
    requiredBody === undefined ? "" : `body: ${requiredBody}`,
  ].filter(Boolean);

  lines.push("", "export async function inline(): Promise<void> {");
  const inlineStart = lines.length;
  const calls = [inlineParts, requiredParts].map(
    (parts) => `  await client.${M}(${P}${parts.length > 0 ? `, { ${parts.join(", ")} }` : ""});`,
  );
  // The same call twice when everything is required: once is enough.
  lines.push(...new Set(calls), "}");
  const inlineEnd = lines.length;

  lines.push("", "export async function annotated(): Promise<void> {");
  const annotatedStart = lines.length;
  if (paramsLiteral !== undefined) lines.push(`  const params: Op["parameters"] = ${paramsLiteral};`);
  if (body)
    lines.push(
      `  const body: NonNullable<Op["requestBody"]>["content"][${JSON.stringify(body.mediaType)}] = ${bodyLiteral};`,
    );
  // The body's other media types: a value of each, declared with its type (a media type removed breaks it).
  body?.others.forEach((other, i) =>
    lines.push(
      `  const body${i + 2}: NonNullable<Op["requestBody"]>["content"][${JSON.stringify(other.mediaType)}] = ${literal(other.value)};`,
      `  void body${i + 2};`,
    ),
  );
  const declared = [paramsLiteral === undefined ? "" : "params", body ? "body" : ""].filter(Boolean);
  lines.push(`  await client.${M}(${P}${declared.length > 0 ? `, { ${declared.join(", ")} }` : ""});`, "}");
  // Values typed with the OLD types, passed on: whatever the old types let a caller send, the new ones must
  // accept (a parameter or property made required, an enum value or a oneOf branch removed, null refused).
  const oldBody = body && `NonNullable<OldOp["requestBody"]>["content"][${JSON.stringify(body.mediaType)}]`;
  lines.push(
    "",
    `export async function passedOn(params: OldOp["parameters"]${oldBody ? `, body: ${oldBody}` : ""}): Promise<void> {`,
    `  await client.${M}(${P}, { params${oldBody ? ", body" : ""} });`,
    "}",
  );
  const annotatedEnd = lines.length;

  const responses = responseBodies(doc, located.op);
  if (responses.length > 0) {
    const type = (op: string, r: (typeof responses)[number]) =>
      `${op}["responses"][${r.status}]["content"][${JSON.stringify(r.mediaType)}]`;
    lines.push("", "export function responses(");
    for (const r of responses) lines.push(`  ${r.name}: ${type("Op", r)},`);
    lines.push("): void {");
    for (const r of responses) {
      lines.push(`  const old${r.name}: ${type("OldOp", r)} = ${r.name};`, `  void old${r.name};`);
      for (const read of r.reads) lines.push(`  void ${r.name}${read};`);
    }
    lines.push("}");
  }
  return {
    file,
    method,
    path,
    operationId,
    text: `${lines.join("\n")}\n`,
    forms: { inline: [inlineStart, inlineEnd], annotated: [annotatedStart, annotatedEnd] },
  };
}

/**
 * A value of the schema. A schema the sampler cannot follow (it throws) gets null: the call then fails against
 * the old types too, and the corpus's own errors are set apart (corpus-compile.ts), never counted.
 */
function sampleOf(doc: Obj, schema: unknown, skipNonRequired = false): unknown {
  try {
    return sample(
      (isObj(schema) ? schema : {}) as never,
      { skipReadOnly: true, skipNonRequired, quiet: true, maxSampleDepth },
      doc,
    );
  } catch {
    return null;
  }
}

/**
 * Every parameter the old spec declares (the path item's and the operation's), or only its required ones,
 * by location, with a value.
 */
function parameterValues(doc: Obj, located: Located, onlyRequired = false): Record<string, Record<string, unknown>> {
  const byName = new Map<string, Obj>();
  for (const list of [located.pathItem.parameters, located.op.parameters])
    for (const raw of Array.isArray(list) ? list : []) {
      const [param] = followRefs(doc, raw, "");
      if (isObj(param) && typeof param.name === "string" && typeof param.in === "string")
        byName.set(`${param.in}\0${param.name}`, param); // the operation's overrides the path item's
    }
  const values: Record<string, Record<string, unknown>> = {};
  for (const param of byName.values()) {
    if (onlyRequired && param.required !== true) continue;
    const where = param.in as string;
    (values[where] ??= {})[param.name as string] = sampleOf(doc, param.schema);
  }
  return values;
}

/** The old request body's value, in its JSON media type (or its first), in full and with its required properties only. */
function requestBody(
  doc: Obj,
  op: Obj,
):
  | {
      mediaType: string;
      value: unknown;
      others: Array<{ mediaType: string; value: unknown }>;
      required: boolean;
      requiredValue: unknown;
    }
  | undefined {
  const [body] = followRefs(doc, op.requestBody, "");
  if (!isObj(body) || !isObj(body.content)) return undefined;
  const mediaType = pickMediaType(body.content);
  if (mediaType === undefined) return undefined;
  const schemaOf = (type: string) => {
    const media = (body.content as Obj)[type];
    return isObj(media) ? media.schema : undefined;
  };
  const schema = schemaOf(mediaType);
  return {
    mediaType,
    others: Object.keys(body.content)
      .filter((type) => type !== mediaType)
      .map((type) => ({ mediaType: type, value: sampleOf(doc, schemaOf(type)) })),
    value: sampleOf(doc, schema),
    required: body.required === true,
    requiredValue: sampleOf(doc, schema, true),
  };
}

const pickMediaType = (content: Obj) => {
  const types = Object.keys(content);
  return types.find((t) => t === "application/json") ?? types.find((t) => /json/.test(t)) ?? types[0];
};

interface ResponseBody {
  /** how openapi-typescript keys it: `200`, `"default"`, `"2XX"` */
  status: string;
  name: string;
  mediaType: string;
  /** `?.id`, `?.tags?.[0]`… : every property path of the old schema */
  reads: string[];
}

function responseBodies(doc: Obj, op: Obj): ResponseBody[] {
  const result: ResponseBody[] = [];
  for (const [status, raw] of Object.entries(isObj(op.responses) ? op.responses : {})) {
    const [response] = followRefs(doc, raw, "");
    if (!isObj(response) || !isObj(response.content)) continue;
    Object.entries(response.content).forEach(([mediaType, media], i) =>
      result.push({
        status: /^\d+$/.test(status) ? status : JSON.stringify(status),
        name: `r${status.replace(/\W/g, "_")}${i === 0 ? "" : `_${i + 1}`}`,
        mediaType,
        reads: isObj(media) ? reads(doc, media.schema, "", 0, new Set()) : [],
      }),
    );
  }
  return result;
}

/**
 * The property paths a reader of the old types can write: each property of an object (an `allOf`'s branches
 * merged), and inside it, items of arrays through `?.[0]`. A `oneOf`/`anyOf` is not entered (its members have
 * no property in common that TypeScript lets one read), nor is a `$ref` already on the way (recursion).
 */
function reads(doc: Obj, raw: unknown, prefix: string, depth: number, seen: Set<string>): string[] {
  if (depth >= maxReadDepth || !isObj(raw)) return [];
  const ref = typeof raw.$ref === "string" ? raw.$ref : undefined;
  if (ref !== undefined) {
    if (seen.has(ref)) return [];
    const [schema] = followRefs(doc, raw, "");
    return reads(doc, schema, prefix, depth, new Set([...seen, ref]));
  }
  if (raw.oneOf !== undefined || raw.anyOf !== undefined) return [];
  const out: string[] = [];
  if (Array.isArray(raw.allOf)) for (const branch of raw.allOf) out.push(...reads(doc, branch, prefix, depth, seen));
  if (isObj(raw.items)) out.push(...reads(doc, raw.items, `${prefix}?.[0]`, depth + 1, seen));
  if (isObj(raw.properties))
    for (const [name, schema] of Object.entries(raw.properties)) {
      const at = `${prefix}${access(name)}`;
      out.push(at, ...reads(doc, schema, at, depth + 1, seen));
    }
  return [...new Set(out)];
}
