/** Medians, not means: on a shared machine a few runs are slow for reasons that are not ours. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const ms = (value: number): string => (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`);
export const us = (value: number): string => `${Math.round(value * 1000)} µs`;
export const ratio = (value: number): string => `${value.toFixed(2)}×`;
