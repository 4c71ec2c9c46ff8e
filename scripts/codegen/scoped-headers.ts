import { createRequire } from "node:module";
import type * as TS from "typescript";

// The same TypeScript instance openapi-typescript builds its AST with, loaded as fix-recursive-types.ts does.
const require = createRequire(import.meta.url);

/** The header parameters that a client option fills in (src/scoped-headers.ts), as the spec names them. */
export const scopedHeaderNames = ["TR-Dataset", "TR-Organization"] as const;

export type ScopedOperations = Record<(typeof scopedHeaderNames)[number], string[]>;

/**
 * Step 2c: the operations that declare each scoped header as a parameter, as `METHOD /path/{template}` (the
 * method as fetch sends it, the path as openapi-fetch's middleware gets it in `schemaPath`), sorted.
 *
 * Read from openapi-typescript's own output, the nodes of `paths` and `operations`, rather than from the spec:
 * the runtime table then lists exactly the operations whose generated types declare the header, which are
 * the ones src/scoped-headers.ts makes optional, and the spec is not parsed a second time (a YAML parse of
 * Trieve 0.13.0 costs 0.3–1.4 s). Path-level parameters are in each operation's type already.
 */
export function scopedOperations(nodes: readonly TS.Node[]): ScopedOperations {
  const ts = require("typescript") as typeof TS;
  const found: ScopedOperations = { "TR-Dataset": [], "TR-Organization": [] };
  const operations = interfaceMembers(ts, nodes, "operations");
  for (const [path, item] of interfaceMembers(ts, nodes, "paths")) {
    if (!ts.isTypeLiteralNode(item)) continue;
    for (const [method, type] of members(ts, item)) {
      if (method === "parameters") continue;
      // `post: operations["search_chunks"]`, or the operation inline when it has no operationId.
      const operation = ts.isIndexedAccessTypeNode(type) ? operations.get(literalText(ts, type.indexType)) : type;
      const headers = operation && literalMember(ts, literalMember(ts, operation, "parameters"), "header");
      for (const name of scopedHeaderNames)
        if (headers && members(ts, headers).has(name)) found[name].push(`${method.toUpperCase()} ${path}`);
    }
  }
  for (const list of Object.values(found)) list.sort();
  return found;
}

/** The module generated/scoped-headers.ts, before formatting and its header. */
export function scopedHeadersModule(operations: ScopedOperations, specFile: string): string {
  return `/**
 * The operations that declare each header as a parameter in ${specFile}, as \`METHOD /path/{template}\`. A client
 * created with \`datasetId\` or \`organizationId\` sends the header to these operations only (src/scoped-headers.ts).
 */
type Header = ${scopedHeaderNames.map((n) => JSON.stringify(n)).join(" | ")};
export const scopedOperations: Record<Header, readonly string[]> = ${JSON.stringify(operations)};
`;
}

function interfaceMembers(ts: typeof TS, nodes: readonly TS.Node[], name: string): Map<string, TS.TypeNode> {
  const declaration = nodes.find(
    (n): n is TS.InterfaceDeclaration => ts.isInterfaceDeclaration(n) && n.name.text === name,
  );
  return declaration ? members(ts, declaration) : new Map();
}

function members(ts: typeof TS, node: TS.InterfaceDeclaration | TS.TypeLiteralNode): Map<string, TS.TypeNode> {
  const map = new Map<string, TS.TypeNode>();
  for (const member of node.members)
    if (
      ts.isPropertySignature(member) &&
      member.type &&
      (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
    )
      map.set(member.name.text, member.type);
  return map;
}

/** The type literal of property `name` of a type literal, if it is one (`header?: never` is not). */
function literalMember(ts: typeof TS, node: TS.TypeNode | undefined, name: string): TS.TypeLiteralNode | undefined {
  const type = node && ts.isTypeLiteralNode(node) ? members(ts, node).get(name) : undefined;
  return type && ts.isTypeLiteralNode(type) ? type : undefined;
}

/** `"search_chunks"` in `operations["search_chunks"]`. */
function literalText(ts: typeof TS, node: TS.TypeNode): string {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : "";
}
