import { describe, expect, it } from "vitest";
import { bundleSize, clientEntry, openapiFetchEntry, sizeCeiling } from "../bench/bundle-size.js";

// Deterministic (same sources, same esbuild), so unlike the timings it is a test, not only a benchmark figure.
// It enforces the ceiling on the client's own code (bench/bundle-size.ts): the table of generated/scoped-headers.ts
// is measured empty, since it grows with whatever spec is committed.
describe("bundle size", () => {
  it(`the client entry with openapi-fetch, minified and gzipped, is at most ${sizeCeiling} bytes, whatever the spec`, async () => {
    const ours = await bundleSize(clientEntry, { emptyScopedTable: true });
    const baseline = await bundleSize(openapiFetchEntry);
    expect(ours.gzipped).toBeGreaterThan(baseline.gzipped); // the measurement includes openapi-fetch
    expect(ours.gzipped).toBeLessThanOrEqual(sizeCeiling);
  });
});
