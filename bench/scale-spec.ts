/**
 * A synthetic spec `factor` times the size of a real one, made at bench time and never committed: every
 * path is kept, and copied under `/v1` … `/v<factor - 1>` with its schemas renamed (`Name_v1`) and its
 * operationIds suffixed (`_v1`), so that the copies share nothing and generation, lint, format and a
 * consumer's typecheck all do `factor` times the work. From Trieve 0.13.0 (104 paths, 415 schemas, 0.45 MB
 * of JSON without indentation), factor 10 gives 1,040 paths and 4,150 schemas in about 4.5 MB.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Spec {
  paths: Record<string, Json>;
  components?: { schemas?: Record<string, Json> } & Record<string, Json>;
  [key: string]: Json | undefined;
}

const schemaRef = "#/components/schemas/";

/** A deep copy with every schema reference renamed and every operationId suffixed. */
function renamed(value: Json, suffix: string): Json {
  if (typeof value === "string") return value.startsWith(schemaRef) ? `${value}${suffix}` : value; // $ref, and discriminator mappings
  if (Array.isArray(value)) return value.map((item) => renamed(item, suffix));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === "operationId" && typeof item === "string" ? `${item}${suffix}` : renamed(item, suffix),
    ]),
  );
}

/** The scaled spec, as JSON text (valid YAML too, so it can stand in for spec/trieve.yaml). */
export function scaleSpec(specFile: string, factor: number): string {
  const spec = parse(readFileSync(specFile, "utf8")) as Spec; // JSON is YAML
  const paths: Record<string, Json> = { ...spec.paths };
  const schemas: Record<string, Json> = { ...spec.components?.schemas };
  for (let copy = 1; copy < factor; copy++) {
    const suffix = `_v${copy}`;
    for (const [path, item] of Object.entries(spec.paths)) paths[`/v${copy}${path}`] = renamed(item, suffix);
    for (const [name, schema] of Object.entries(spec.components?.schemas ?? {}))
      schemas[`${name}${suffix}`] = renamed(schema, suffix);
  }
  // Without indentation: 0.13.0 re-serialised this way is 0.45 MB, the 10× spec about 4.5 MB.
  return JSON.stringify({ ...spec, paths, components: { ...spec.components, schemas } });
}
