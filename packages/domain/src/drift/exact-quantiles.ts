// Exact type-7 quantiles of a stream that is too large to hold, in a few passes over it.
//
// Every double has a 64-bit key whose unsigned order is the numeric order (flip the sign bit of a
// positive number, every bit of a negative one). A pass narrows each wanted order statistic to a
// region of keys sharing a prefix: pass 1 counts values per 16-bit top digit (65,536 counters),
// the next pass counts the next 16 bits inside the regions that hold wanted ranks, and so on.
// A region is settled early when its distinct values (kept with their counts, at most `cap` per
// region) fit: that is the usual case from pass 2 on, and ties cost one entry. A region that is
// still too wide after four digits is one double. So the answer is exact, memory is bounded by
// (65,536 counters + `cap` entries) per wanted rank, and the passes are at most five: one when
// the whole sample has at most `cap` distinct values, two or three for continuous data.

const DIGITS = 4;
const DIGIT_SPAN = 65_536;
/** Distinct values a region keeps before it must be refined by another pass. */
export const DEFAULT_QUANTILE_CAP = 16_384;

const view = new DataView(new ArrayBuffer(8));
let keyHigh = 0;
let keyLow = 0;

/** Writes the order-preserving key of `value` into keyHigh/keyLow (-0 and +0 share one key). */
function readKey(value: number): void {
  view.setFloat64(0, value === 0 ? 0 : value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  if (high & 0x80000000) {
    keyHigh = ~high >>> 0;
    keyLow = ~low >>> 0;
  } else {
    keyHigh = (high | 0x80000000) >>> 0;
    keyLow = low;
  }
}

/** The key's first `level` digits as one number (at most 48 bits: exact in a double). */
function readPrefix(level: number): number {
  if (level === 1) return keyHigh >>> 16;
  if (level === 2) return keyHigh;
  return keyHigh * DIGIT_SPAN + (keyLow >>> 16);
}

function readDigit(level: number): number {
  if (level === 0) return keyHigh >>> 16;
  if (level === 1) return keyHigh & 0xffff;
  if (level === 2) return keyLow >>> 16;
  return keyLow & 0xffff;
}

/** The double whose key is the four digits `path`. */
function decodeKey(path: readonly number[]): number {
  const [a = 0, b = 0, c = 0, d = 0] = path;
  let high = (a * DIGIT_SPAN + b) >>> 0;
  let low = (c * DIGIT_SPAN + d) >>> 0;
  if (high & 0x80000000) high = (high & 0x7fffffff) >>> 0;
  else {
    high = ~high >>> 0;
    low = ~low >>> 0;
  }
  view.setUint32(0, high);
  view.setUint32(4, low);
  return view.getFloat64(0);
}

interface Region {
  path: number[];
  /** Values whose key sorts before this region. */
  below: number;
  /** Wanted 0-based ranks inside this region. */
  ranks: number[];
  histogram: Uint32Array | null;
  /** Distinct value -> count; null once it overflowed the cap. */
  values: Map<number, number> | null;
}

export interface ExactQuantilesOptions {
  cap?: number;
}

/**
 * Feed every finite value once per pass with `add`, then `endPass`, until `isDone`; then
 * `results` answers the quantile of each probability, as `computeQuantile` would on the sorted
 * sample (or null for an empty one).
 */
export class ExactQuantiles {
  readonly #probabilities: readonly number[];
  readonly #cap: number;
  #regions = new Map<number, Region>();
  #level = 0;
  #count = 0;
  #passes = 0;
  #resolved = new Map<number, number>();
  #isDone = false;

  constructor(probabilities: readonly number[], options: ExactQuantilesOptions = {}) {
    for (const p of probabilities) {
      if (!(p >= 0 && p <= 1)) throw new Error(`p must be in [0, 1], not ${p}`);
    }
    this.#probabilities = [...probabilities];
    this.#cap = options.cap ?? DEFAULT_QUANTILE_CAP;
    const root: Region = {
      path: [],
      below: 0,
      ranks: [],
      histogram: new Uint32Array(DIGIT_SPAN),
      values: new Map(),
    };
    this.#regions.set(0, root);
  }

  get isDone(): boolean {
    return this.#isDone;
  }

  get passes(): number {
    return this.#passes;
  }

  /** A finite value (callers drop missing ones, as the definitions say). */
  add(value: number): void {
    readKey(value);
    if (this.#level === 0) this.#count++;
    const region =
      this.#level === 0 ? this.#regions.get(0) : this.#regions.get(readPrefix(this.#level));
    if (!region) return;
    if (region.histogram) {
      const digit = readDigit(this.#level);
      region.histogram[digit] = (region.histogram[digit] as number) + 1;
    }
    const values = region.values;
    if (values) {
      values.set(value === 0 ? 0 : value, (values.get(value === 0 ? 0 : value) ?? 0) + 1);
      if (values.size > this.#cap) region.values = null;
    }
  }

  endPass(): void {
    if (this.#isDone) return;
    this.#passes++;
    if (this.#level === 0) {
      const root = this.#regions.get(0) as Region;
      root.ranks = this.#wantedRanks();
    }
    const next: Region[] = [];
    for (const region of this.#regions.values()) {
      if (region.values) this.#settle(region, region.values);
      else next.push(...this.#refine(region));
    }
    this.#level++;
    this.#regions = new Map();
    for (const region of next) {
      if (this.#level === DIGITS) {
        const value = decodeKey(region.path);
        for (const rank of region.ranks) this.#resolved.set(rank, value);
      } else {
        this.#regions.set(
          region.path.reduce((prefix, digit) => prefix * DIGIT_SPAN + digit, 0),
          {
            ...region,
            histogram: new Uint32Array(DIGIT_SPAN),
            values: new Map(),
          },
        );
      }
    }
    this.#isDone = this.#regions.size === 0;
  }

  /** Null for an empty sample; otherwise one quantile per probability. */
  results(): number[] | null {
    if (!this.#isDone) throw new Error("the quantiles need more passes");
    const n = this.#count;
    if (n === 0) return null;
    return this.#probabilities.map((p) => {
      const h = (n - 1) * p;
      const lower = Math.floor(h);
      const low = this.#resolved.get(lower) as number;
      if (lower + 1 >= n) return low;
      const high = this.#resolved.get(lower + 1) as number;
      return high === low ? low : low + (h - lower) * (high - low);
    });
  }

  #wantedRanks(): number[] {
    const n = this.#count;
    const ranks = new Set<number>();
    if (n === 0) return [];
    for (const p of this.#probabilities) {
      const lower = Math.floor((n - 1) * p);
      ranks.add(lower);
      if (lower + 1 < n) ranks.add(lower + 1);
    }
    return [...ranks].sort((a, b) => a - b);
  }

  /** Every rank of the region from its sorted distinct values. */
  #settle(region: Region, values: Map<number, number>): void {
    const sorted = [...values.keys()].sort((a, b) => a - b);
    let seen = region.below;
    let index = 0;
    for (const rank of region.ranks) {
      while (
        index < sorted.length &&
        seen + (values.get(sorted[index] as number) as number) <= rank
      ) {
        seen += values.get(sorted[index] as number) as number;
        index++;
      }
      this.#resolved.set(rank, sorted[index] as number);
    }
  }

  /** The sub-regions (one more digit) that hold the region's ranks. */
  #refine(region: Region): Region[] {
    const histogram = region.histogram as Uint32Array;
    const children = new Map<number, Region>();
    let seen = region.below;
    let digit = 0;
    for (const rank of region.ranks) {
      while (seen + (histogram[digit] as number) <= rank) {
        seen += histogram[digit] as number;
        digit++;
      }
      const child = children.get(digit) ?? {
        path: [...region.path, digit],
        below: seen,
        ranks: [],
        histogram: null,
        values: null,
      };
      child.ranks.push(rank);
      children.set(digit, child);
    }
    return [...children.values()];
  }
}
