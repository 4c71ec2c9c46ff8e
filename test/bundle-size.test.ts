import { describe, expect, it } from "vitest";
import { bundleSize, clientEntry, openapiFetchEntry, sizeCeiling } from "../bench/bundle-size.js";

// Deterministic (same sources, same esbuild), so unlike the timings it is a test, not only a benchmark figure.
// It enforces the ceiling: today's size, below issue 8's target of 4,688 B (bench/bundle-size.ts).
describe("bundle size", () => {
  it(`the client entry with openapi-fetch, minified and gzipped, is at most ${sizeCeiling} bytes`, async () => {
    const ours = await bundleSize(clientEntry);
    const baseline = await bundleSize(openapiFetchEntry);
    expect(ours.gzipped).toBeGreaterThan(baseline.gzipped); // the measurement includes openapi-fetch
    expect(ours.gzipped).toBeLessThanOrEqual(sizeCeiling);
  });
});
