// The scores of drift-definitions.md, on shares (p = reference, q = current, same bins).

/** What an exactly-zero share becomes for PSI and KL. */
export const SHARE_EPSILON = 0.0001;

/** Each count's share of the total; all zeros when the total is zero. */
export function computeShares(counts: readonly number[]): number[] {
  let total = 0;
  for (const count of counts) total += count;
  return counts.map((count) => (total === 0 ? 0 : count / total));
}

function fillZeros(shares: readonly number[]): number[] {
  return shares.map((share) => (share === 0 ? SHARE_EPSILON : share));
}

function assertSameLength(p: readonly number[], q: readonly number[]): void {
  if (p.length !== q.length) throw new Error(`bins differ: ${p.length} and ${q.length}`);
}

/** PSI = sum (q - p) ln(q / p) on epsilon-filled shares, not renormalised. */
export function computePsi(p: readonly number[], q: readonly number[]): number {
  assertSameLength(p, q);
  const pf = fillZeros(p);
  const qf = fillZeros(q);
  let psi = 0;
  for (let i = 0; i < pf.length; i++) {
    const a = pf[i] as number;
    const b = qf[i] as number;
    psi += (b - a) * Math.log(b / a);
  }
  return psi;
}

/**
 * KL(a || b) = sum a ln(a / b) in nats, on epsilon-filled shares renormalised to sum to 1.
 * The UI shows KL(current || reference): `computeKlDivergence(q, p)`.
 */
export function computeKlDivergence(a: readonly number[], b: readonly number[]): number {
  assertSameLength(a, b);
  const af = computeShares(fillZeros(a));
  const bf = computeShares(fillZeros(b));
  let kl = 0;
  for (let i = 0; i < af.length; i++) {
    const x = af[i] as number;
    kl += x * Math.log(x / (bf[i] as number));
  }
  return kl;
}

/** Jensen-Shannon distance: sqrt of the JS divergence, log base 2 (0..1), raw shares, 0 ln 0 = 0. */
export function computeJsDistance(p: readonly number[], q: readonly number[]): number {
  assertSameLength(p, q);
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] as number;
    const b = q[i] as number;
    const m = (a + b) / 2;
    if (a > 0) divergence += 0.5 * a * Math.log2(a / m);
    if (b > 0) divergence += 0.5 * b * Math.log2(b / m);
  }
  // Rounding can leave a tiny negative where the true value is 0.
  return Math.sqrt(Math.max(divergence, 0));
}
