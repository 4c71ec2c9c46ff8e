import { inspect } from "node:util";
import { expect } from "vitest";
import { apiKey } from "./fixtures.js";

/**
 * Every way a value can be shown (String, JSON, util.inspect with hidden fields and causes): none may contain the
 * bare key, nor its JSON-escaped form.
 */
export function expectNoKeyIn(value: unknown, key = apiKey): void {
  const escaped = JSON.stringify(key).slice(1, -1);
  for (const shown of [String(value), JSON.stringify(value), inspect(value, { depth: 10, showHidden: true })]) {
    expect(shown).not.toContain(key);
    expect(shown).not.toContain(escaped);
  }
}
