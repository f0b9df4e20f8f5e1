/**
 * The nearest-rank quantile of `xs` (`q` in 0..1: 0.5 the median, 0.95 the p95); NaN for
 * no values. Every bench reports its figures with it, so that tables compare.
 */
export function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] ?? Number.NaN;
}
