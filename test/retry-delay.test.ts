import { describe, expect, it, vi } from "vitest";
import { isRetryable, retryDelay } from "../src/retry.js";

const headers = (init: Record<string, string>) => new Headers(init);

describe("retryDelay", () => {
  it("honours retry-after-ms first, then Retry-After in seconds", () => {
    expect(retryDelay(1, headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    expect(retryDelay(1, headers({ "retry-after": "3" }))).toBe(3000);
    expect(retryDelay(1, headers({ "retry-after": "0" }))).toBe(0);
  });

  it("honours Retry-After as an HTTP date", () => {
    vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") });
    try {
      expect(retryDelay(1, headers({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }))).toBe(5000);
    } finally {
      vi.useRealTimers();
    }
  });

  it("caps a hint at 60 s", () => {
    expect(retryDelay(1, headers({ "retry-after": "3600" }))).toBe(60_000);
    expect(retryDelay(1, headers({ "retry-after-ms": "90000" }))).toBe(60_000);
  });

  it("without a usable hint: 0.5 s doubling up to 8 s, less up to 25 % jitter", () => {
    const random = vi.spyOn(Math, "random");
    try {
      random.mockReturnValue(0);
      expect([1, 2, 3, 4, 5, 6, 10].map((retry) => retryDelay(retry))).toEqual([
        500, 1000, 2000, 4000, 8000, 8000, 8000,
      ]);
      random.mockReturnValue(0.999999);
      expect(retryDelay(1, headers({ "retry-after": "soon" }))).toBeCloseTo(375, 0);
      expect(retryDelay(5, headers({ "retry-after-ms": "-5" }))).toBeCloseTo(6000, 0);
    } finally {
      random.mockRestore();
    }
  });
});

describe("isRetryable", () => {
  it("retries 408, 409, 429 and 5xx, and no other status", () => {
    const statuses = [200, 204, 301, 400, 401, 403, 404, 408, 409, 410, 422, 429, 500, 502, 503, 504, 599];
    expect(statuses.filter(isRetryable)).toEqual([408, 409, 429, 500, 502, 503, 504, 599]);
  });
});
