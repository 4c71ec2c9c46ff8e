import { createRequire } from "node:module";
import type * as TS from "typescript";

// The same TypeScript instance openapi-typescript builds its AST with (one copy in node_modules),
// loaded through `require` for the reason given in typecheck.ts.
const require = createRequire(import.meta.url);

/** The top-level names openapi-typescript declares; a hoisted alias must not take one of them. */
const reservedNames = new Set(["paths", "webhooks", "components", "$defs", "operations"]);

export interface RecursiveTypesFix {
  nodes: TS.Node[];
  /** schema name → the top-level type alias it now points at */
  hoisted: Map<string, string>;
}

/**
 * Step 2b: makes recursive schemas compile. openapi-typescript writes every schema as a property of
 * `interface components { schemas: {...} }` and refers to it as `components["schemas"]["X"]`.
 * A property whose type reaches itself through a union or an array, as Trieve 0.13.0's
 * `FilterValue: string | number | boolean | components["schemas"]["FilterValue"][]` does, is rejected
 * with TS2502: TypeScript defers a recursive reference only inside a type alias (TS 3.7+) or an object
 * type's members, never in an interface property's union or array.
 *
 * So every schema that sits on a reference cycle and is not an object type literal is hoisted into a
 * top-level `export type X = ...` alias, with references to the other hoisted schemas rewritten to
 * their alias names (so mutual recursion stays inside aliases), and its `components` entry becomes
 * `X: X`. Object schemas on a cycle stay as they are: their members are resolved lazily and compile.
 * Cycles are found on the whole schema graph (Tarjan's strongly connected components), so both
 * self-recursion and mutual recursion through any number of schemas are covered.
 */
export function fixRecursiveTypes(nodes: readonly TS.Node[]): RecursiveTypesFix {
  const ts = require("typescript") as typeof TS;
  const hoisted = new Map<string, string>();
  const schemas = findSchemasLiteral(ts, nodes);
  if (!schemas) return { nodes: [...nodes], hoisted };

  const members = new Map<string, TS.PropertySignature>();
  for (const member of schemas.literal.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = propertyName(ts, member.name);
    if (name !== undefined) members.set(name, member);
  }
  const edges = new Map<string, Set<string>>();
  for (const [name, member] of members) {
    const targets = new Set<string>();
    const visit = (node: TS.Node): void => {
      const target = schemaReference(ts, node);
      if (target !== undefined && members.has(target)) targets.add(target);
      ts.forEachChild(node, visit);
    };
    visit(member.type!);
    edges.set(name, targets);
  }

  const taken = new Set(reservedNames);
  for (const node of nodes) {
    const declared = (node as { name?: TS.Node }).name;
    if (declared && ts.isIdentifier(declared)) taken.add(declared.text);
  }
  for (const name of onCycles(edges)) {
    if (ts.isTypeLiteralNode(members.get(name)!.type!)) continue;
    hoisted.set(name, uniqueIdentifier(name, taken));
  }
  if (hoisted.size === 0) return { nodes: [...nodes], hoisted };

  // components["schemas"]["X"] → X, for every hoisted X, inside the hoisted bodies.
  const toAlias = (context: TS.TransformationContext) => {
    const visit = (node: TS.Node): TS.Node => {
      const target = schemaReference(ts, node);
      const alias = target === undefined ? undefined : hoisted.get(target);
      if (alias) return ts.factory.createTypeReferenceNode(alias);
      return ts.visitEachChild(node, visit, context);
    };
    return (node: TS.TypeNode) => ts.visitNode(node, visit) as TS.TypeNode;
  };
  const aliases: TS.TypeAliasDeclaration[] = [];
  for (const [name, alias] of hoisted) {
    const body = ts.transform(members.get(name)!.type!, [toAlias]).transformed[0]!;
    const declaration = ts.factory.createTypeAliasDeclaration(
      [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)],
      alias,
      undefined,
      body,
    );
    ts.addSyntheticLeadingComment(
      declaration,
      ts.SyntaxKind.MultiLineCommentTrivia,
      `* \`components["schemas"]["${name}"]\`: a recursive schema, declared as a type alias so that it compiles (TS2502) `,
      true,
    );
    aliases.push(declaration);
  }

  // The components entry keeps its name, optionality and doc comment; only its type changes.
  // (The AST is synthesized, without parent links, so the path to the entries is rebuilt by hand.)
  const { factory } = ts;
  const entries = schemas.literal.members.map((member) => {
    const name = ts.isPropertySignature(member) ? propertyName(ts, member.name) : undefined;
    const alias = name === undefined ? undefined : hoisted.get(name);
    if (!alias) return member;
    const entry = member as TS.PropertySignature;
    return factory.updatePropertySignature(
      entry,
      entry.modifiers,
      entry.name,
      entry.questionToken,
      factory.createTypeReferenceNode(alias),
    );
  });
  const { components, property } = schemas;
  const updatedComponents = factory.updateInterfaceDeclaration(
    components,
    components.modifiers,
    components.name,
    components.typeParameters,
    components.heritageClauses,
    components.members.map((member) =>
      member === property
        ? factory.updatePropertySignature(
            property,
            property.modifiers,
            property.name,
            property.questionToken,
            factory.updateTypeLiteralNode(schemas.literal, factory.createNodeArray(entries)),
          )
        : member,
    ),
  );
  const result: TS.Node[] = [];
  for (const node of nodes) {
    if (node === components) result.push(updatedComponents, ...aliases);
    else result.push(node);
  }
  return { nodes: result, hoisted };
}

function isComponentsInterface(ts: typeof TS, node: TS.Node): node is TS.InterfaceDeclaration {
  return ts.isInterfaceDeclaration(node) && node.name.text === "components";
}

/** `interface components { schemas: { ... } }`: the interface, its `schemas` property and that property's type literal. */
function findSchemasLiteral(ts: typeof TS, nodes: readonly TS.Node[]) {
  const components = nodes.find((node) => isComponentsInterface(ts, node)) as TS.InterfaceDeclaration | undefined;
  const property = components?.members.find(
    (m): m is TS.PropertySignature => ts.isPropertySignature(m) && propertyName(ts, m.name) === "schemas",
  );
  if (!components || !property?.type || !ts.isTypeLiteralNode(property.type)) return undefined;
  return { components, property, literal: property.type };
}

function propertyName(ts: typeof TS, name: TS.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

/** The schema name X when `node` is `components["schemas"]["X"]`. */
function schemaReference(ts: typeof TS, node: TS.Node): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node)) return undefined;
  const inner = node.objectType;
  if (
    !ts.isIndexedAccessTypeNode(inner) ||
    !ts.isTypeReferenceNode(inner.objectType) ||
    !ts.isIdentifier(inner.objectType.typeName) ||
    inner.objectType.typeName.text !== "components" ||
    literalText(ts, inner.indexType) !== "schemas"
  )
    return undefined;
  return literalText(ts, node.indexType);
}

function literalText(ts: typeof TS, node: TS.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

/** The nodes that lie on a cycle: members of a strongly connected component of 2 or more, or with a self-edge. */
export function onCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  // Tarjan's algorithm, iterative: a deep chain of schemas must not overflow the call stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[] = [];
  let next = 0;
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; targets: Iterator<string> }> = [];
    const enter = (node: string) => {
      index.set(node, next);
      low.set(node, next++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, targets: (edges.get(node) ?? new Set<string>()).values() });
    };
    enter(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const step = frame.targets.next();
      if (!step.done) {
        const target = step.value;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || edges.get(frame.node)?.has(frame.node)) result.push(...component);
    }
  }
  return result.sort();
}

/** A valid, unused TypeScript identifier close to the schema's name. */
function uniqueIdentifier(name: string, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9_$]/g, "_");
  if (!/^[A-Za-z_$]/.test(base)) base = `_${base}`;
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
  taken.add(candidate);
  return candidate;
}
