/**
 * The p-quantile of ascending `sorted` by linear interpolation between order statistics (numpy's
 * default, R's type 7): h = (n-1)p, q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
 */
export function computeQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error("the quantile of an empty sample is undefined");
  if (!(p >= 0 && p <= 1)) throw new Error(`p must be in [0, 1], not ${p}`);
  const h = (n - 1) * p;
  const lower = Math.floor(h);
  const low = sorted[lower] as number;
  if (lower + 1 >= n) return low;
  const high = sorted[lower + 1] as number;
  // When both order statistics are equal, return it exactly (no rounding from the product).
  return high === low ? low : low + (h - lower) * (high - low);
}
