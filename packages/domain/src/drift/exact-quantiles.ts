// Exact type-7 quantiles of a stream that is too large to hold, in a few passes over it.
//
// Every double has a 64-bit key whose unsigned order is the numeric order (flip the sign bit of a
// positive number, every bit of a negative one). Pass 1 needs no min or max: it counts values per
// top 16 bits of the key (65,536 counters) and, for at most `maxSubHistograms` of those buckets
// (allocated as they are first touched), per next 8 bits (256 counters each), so it locates every
// wanted rank in a region of keys sharing a 24-bit prefix (16 bits where no sub-histogram exists)
// and knows how many values sort below that region and inside it. Pass 2 collects the values of
// each such region exactly when it holds at most `cap` values, which settles it; a larger region
// keeps its distinct values (ties cost one entry, up to `cap`) and counts the next 16 bits, to be
// settled in a further pass. A region that is still too wide at 64 bits is one double. So the
// answer is exact, memory per selection is bounded independently of the row count, and the passes
// are: 1 when the sample has at most `cap` distinct values, 2 for continuous data of up to tens of
// millions of rows, at most 5.
//
// Once done, `countBelow(edge)` answers how many values are < edge, without another pass, for any
// edge that is a wanted quantile (it lies in a settled region or between two adjacent order
// statistics): so a reference's bin counts need no binning pass.

const TOP_BITS = 16;
const SUB_BITS = 8;
const REFINE_BITS = 16;
/** Values a region collects before it must be refined by another pass. */
export const DEFAULT_QUANTILE_CAP = 16_384;
/** Top buckets that get a pass-1 sub-histogram (256 counters each): 4,096 x 1 KiB = 4 MiB. */
const DEFAULT_SUB_HISTOGRAMS = 4096;

const view = new DataView(new ArrayBuffer(8));
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
/** Where a Float64Array's high and low 32-bit words sit in a Uint32Array over its bytes. */
const HIGH = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;
let keyHigh = 0;
let keyLow = 0;

/** Writes the order-preserving key of the double (high, low) into keyHigh/keyLow; -0 is +0. */
function setKey(high: number, low: number): void {
  if (high & 0x80000000 && !(high === 0x80000000 && low === 0)) {
    keyHigh = ~high >>> 0;
    keyLow = ~low >>> 0;
  } else {
    keyHigh = (high | 0x80000000) >>> 0;
    keyLow = low;
  }
}

/** The key's top 24 bits (top digit, then sub digit) of the double (high, low). */
function readTopDigits(high: number, low: number): number {
  if (high < 0x80000000 || (high === 0x80000000 && low === 0)) return (high >>> 8) | 0x800000;
  return (~high >>> 8) & 0xffffff;
}

function readKey(value: number): void {
  scratch[0] = value;
  setKey(words[HIGH] as number, words[LOW] as number);
}

/** The double whose key is (high, low). */
function decodeKey(keyHighWord: number, keyLowWord: number): number {
  let high = keyHighWord >>> 0;
  let low = keyLowWord >>> 0;
  if (high & 0x80000000) high = (high & 0x7fffffff) >>> 0;
  else {
    high = ~high >>> 0;
    low = ~low >>> 0;
  }
  view.setUint32(0, high);
  view.setUint32(4, low);
  return view.getFloat64(0);
}

/** `width` bits of the current key starting `offset` bits from its most significant bit. */
function readBits(offset: number, width: number): number {
  const mask = width === 32 ? 0xffffffff : (1 << width) - 1;
  if (offset + width <= 32) return ((keyHigh >>> (32 - offset - width)) & mask) >>> 0;
  if (offset >= 32) return ((keyLow >>> (64 - offset - width)) & mask) >>> 0;
  const highBits = 32 - offset;
  const lowBits = width - highBits;
  return (((keyHigh & ((1 << highBits) - 1)) << lowBits) | (keyLow >>> (32 - lowBits))) >>> 0;
}

/** A key as a pair of 32-bit words; compared lexicographically. */
interface Key {
  high: number;
  low: number;
}

function compareKeys(aHigh: number, aLow: number, b: Key): number {
  if (aHigh !== b.high) return aHigh < b.high ? -1 : 1;
  if (aLow !== b.low) return aLow < b.low ? -1 : 1;
  return 0;
}

/** The first and last key of the region of keys whose first `bits` bits are `prefix`'s. */
function spanOf(prefix: Key, bits: number): { start: Key; end: Key } {
  if (bits === 0) return { start: { high: 0, low: 0 }, end: { high: 0xffffffff, low: 0xffffffff } };
  if (bits <= 32) {
    const ones = bits === 32 ? 0 : (2 ** (32 - bits) - 1) >>> 0;
    return {
      start: { high: prefix.high, low: 0 },
      end: { high: (prefix.high | ones) >>> 0, low: 0xffffffff },
    };
  }
  const ones = bits === 64 ? 0 : (2 ** (64 - bits) - 1) >>> 0;
  return {
    start: { high: prefix.high, low: prefix.low },
    end: { high: prefix.high, low: (prefix.low | ones) >>> 0 },
  };
}

/** The prefix `prefix` extended by `digit` of `width` bits at `bits`. */
function extendPrefix(prefix: Key, bits: number, digit: number, width: number): Key {
  const shift = 64 - bits - width;
  if (shift >= 32) return { high: (prefix.high | (digit * 2 ** (shift - 32))) >>> 0, low: 0 };
  const lowPart = (digit * 2 ** shift) % 2 ** 32;
  const highPart = Math.floor((digit * 2 ** shift) / 2 ** 32);
  return { high: (prefix.high | highPart) >>> 0, low: (prefix.low | lowPart) >>> 0 };
}

/** A region being narrowed: it holds `count` values, `below` sort before it. */
interface Region {
  start: Key;
  end: Key;
  bits: number;
  below: number;
  count: number;
  /** Wanted 0-based ranks inside this region. */
  ranks: number[];
  /** Every value of the region (count <= cap), or null when it is refined by a histogram. */
  buffer: Float64Array | null;
  filled: number;
  histogram: Uint32Array | null;
  /** Distinct value -> count while refined; null once it overflowed the cap. */
  values: Map<number, number> | null;
}

/** A region whose values are known: ascending `values` (with `weights` when distinct). */
interface Settled {
  start: Key;
  end: Key;
  below: number;
  values: Float64Array;
  weights: Float64Array | null;
}

export interface ExactQuantilesOptions {
  cap?: number;
  /** Pass-1 sub-histograms (256 counters each); 0 narrows pass 1 to 16-bit regions. */
  maxSubHistograms?: number;
}

/**
 * Feed every finite value once per pass with `add`, then `endPass`, until `isDone`; then
 * `results` answers the quantile of each probability, as `computeQuantile` would on the sorted
 * sample (or null for an empty one), and `countBelow` the number of values below an edge.
 */
export class ExactQuantiles {
  readonly #probabilities: readonly number[];
  readonly #cap: number;
  readonly #maxSubHistograms: number;
  #top: Uint32Array | null = new Uint32Array(2 ** TOP_BITS);
  /** Per top digit, 1 + the index of its sub-histogram in #subPool; 0 for none. */
  #subSlots: Int32Array | null = new Int32Array(2 ** TOP_BITS);
  /** The sub-histograms, 256 counters each, one after the other (grows by doubling). */
  #subPool = new Uint32Array(16 * 2 ** SUB_BITS);
  #subCount = 0;
  #rootValues: Map<number, number> | null = new Map();
  /** Regions of the current pass (after pass 1), ascending and disjoint. */
  #regions: Region[] = [];
  /** Per top digit that holds a region of the current pass: 1 for each next-8-bit digit in one. */
  #marks: (Uint8Array | undefined)[] = [];
  #settled: Settled[] = [];
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
    this.#maxSubHistograms = options.maxSubHistograms ?? DEFAULT_SUB_HISTOGRAMS;
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
    this.#addKey(value);
  }

  /**
   * `add` for every value of a batch of finite values, reading their keys in place. The hot loop
   * works on the key's top 24 bits (small integers) and takes the whole key only for a value in
   * a region of the current pass.
   */
  addAll(values: Float64Array): void {
    const bits = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
    const top = this.#top;
    if (top) {
      this.#count += values.length;
      const slots = this.#subSlots as Int32Array;
      for (let i = 0; i < values.length; i++) {
        const digits = readTopDigits(bits[2 * i + HIGH] as number, bits[2 * i + LOW] as number);
        const digit = digits >>> SUB_BITS;
        top[digit] = (top[digit] as number) + 1;
        let slot = slots[digit] as number;
        if (slot === 0) slot = this.#addSubHistogram(digit);
        if (slot > 0) {
          const pool = this.#subPool;
          const index = (slot - 1) * 2 ** SUB_BITS + (digits & 0xff);
          pool[index] = (pool[index] as number) + 1;
        }
      }
      const rootValues = this.#rootValues;
      if (rootValues) {
        for (let i = 0; i < values.length && this.#rootValues; i++) {
          const key = values[i] === 0 ? 0 : (values[i] as number);
          rootValues.set(key, (rootValues.get(key) ?? 0) + 1);
          if (rootValues.size > this.#cap) this.#rootValues = null;
        }
      }
      return;
    }
    const allMarks = this.#marks;
    for (let i = 0; i < values.length; i++) {
      const high = bits[2 * i + HIGH] as number;
      const low = bits[2 * i + LOW] as number;
      const digits = readTopDigits(high, low);
      const marks = allMarks[digits >>> SUB_BITS];
      if (marks === undefined || marks[digits & 0xff] === 0) continue;
      setKey(high, low);
      this.#addKey(values[i] as number);
    }
  }

  /** Counts or keeps `value`, whose key is in keyHigh/keyLow. */
  #addKey(value: number): void {
    const top = this.#top;
    if (top) {
      this.#count++;
      const digit = keyHigh >>> (32 - TOP_BITS);
      top[digit] = (top[digit] as number) + 1;
      let slot = (this.#subSlots as Int32Array)[digit] as number;
      if (slot === 0) slot = this.#addSubHistogram(digit);
      if (slot > 0) {
        const index =
          (slot - 1) * 2 ** SUB_BITS + ((keyHigh >>> (32 - TOP_BITS - SUB_BITS)) & 0xff);
        this.#subPool[index] = (this.#subPool[index] as number) + 1;
      }
      const values = this.#rootValues;
      if (values) {
        const key = value === 0 ? 0 : value;
        values.set(key, (values.get(key) ?? 0) + 1);
        if (values.size > this.#cap) this.#rootValues = null;
      }
      return;
    }
    const marks = this.#marks[keyHigh >>> (32 - TOP_BITS)];
    if (!marks || marks[(keyHigh >>> (32 - TOP_BITS - SUB_BITS)) & 0xff] === 0) return;
    const region = this.#findRegion();
    if (!region) return;
    const buffer = region.buffer;
    if (buffer) {
      buffer[region.filled++] = value === 0 ? 0 : value;
      return;
    }
    const histogram = region.histogram as Uint32Array;
    const digit = readBits(region.bits, Math.min(REFINE_BITS, 64 - region.bits));
    histogram[digit] = (histogram[digit] as number) + 1;
    const values = region.values;
    if (values) {
      const key = value === 0 ? 0 : value;
      values.set(key, (values.get(key) ?? 0) + 1);
      if (values.size > this.#cap) region.values = null;
    }
  }

  /** Gives `digit` a sub-histogram if the bound allows: its slot, or -1 (never asked again). */
  #addSubHistogram(digit: number): number {
    const slots = this.#subSlots as Int32Array;
    if (this.#subCount >= this.#maxSubHistograms) {
      slots[digit] = -1;
      return -1;
    }
    const size = 2 ** SUB_BITS;
    if ((this.#subCount + 1) * size > this.#subPool.length) {
      const grown = new Uint32Array(this.#subPool.length * 2);
      grown.set(this.#subPool);
      this.#subPool = grown;
    }
    this.#subCount++;
    slots[digit] = this.#subCount;
    return this.#subCount;
  }

  endPass(): void {
    if (this.#isDone) return;
    this.#passes++;
    if (this.#top) {
      this.#endFirstPass();
      return;
    }
    const next: Region[] = [];
    for (const region of this.#regions) {
      if (region.buffer) this.#settleBuffer(region, region.buffer);
      else if (region.values) this.#settleDistinct(region, region.values);
      else next.push(...this.#refine(region));
    }
    this.#setRegions(next);
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

  /**
   * How many values are < `edge`, exactly, when that follows from what the passes kept: `edge`
   * lies in a settled region, or strictly between two adjacent wanted order statistics (always
   * the case for a quantile `results` answered). Null otherwise: bin on another pass.
   */
  countBelow(edge: number): number | null {
    if (!this.#isDone) throw new Error("the quantiles need more passes");
    if (this.#count === 0) return 0;
    if (Number.isNaN(edge)) return null;
    readKey(edge);
    for (const region of this.#settled) {
      if (
        compareKeys(keyHigh, keyLow, region.start) < 0 ||
        compareKeys(keyHigh, keyLow, region.end) > 0
      ) {
        continue;
      }
      let count = region.below;
      const { values, weights } = region;
      for (let i = 0; i < values.length && (values[i] as number) < edge; i++) {
        count += weights ? (weights[i] as number) : 1;
      }
      return count;
    }
    for (const [rank, value] of this.#resolved) {
      const next = this.#resolved.get(rank + 1);
      if (value < edge && next !== undefined && edge < next) return rank + 1;
    }
    return null;
  }

  #endFirstPass(): void {
    const top = this.#top as Uint32Array;
    const slots = this.#subSlots as Int32Array;
    const pool = this.#subPool;
    const ranks = this.#wantedRanks();
    const rootValues = this.#rootValues;
    this.#top = null;
    this.#subSlots = null;
    this.#subPool = new Uint32Array(0);
    this.#rootValues = null;
    const whole = spanOf({ high: 0, low: 0 }, 0);
    if (ranks.length === 0) {
      this.#isDone = true;
      return;
    }
    if (rootValues) {
      const root = this.#newRegion(whole.start, 0, 0, this.#count, ranks);
      this.#settleDistinct(root, rootValues);
      this.#isDone = true;
      return;
    }
    const regions = new Map<number, Region>();
    let seen = 0;
    let digit = 0;
    for (const rank of ranks) {
      while (seen + (top[digit] as number) <= rank) {
        seen += top[digit] as number;
        digit++;
      }
      const slot = slots[digit] as number;
      const sub = slot > 0 ? pool.subarray((slot - 1) * 2 ** SUB_BITS, slot * 2 ** SUB_BITS) : null;
      let id = digit * 2 ** SUB_BITS;
      let below = seen;
      let count = top[digit] as number;
      let bits = TOP_BITS;
      if (sub) {
        let subDigit = 0;
        while (below + (sub[subDigit] as number) <= rank) {
          below += sub[subDigit] as number;
          subDigit++;
        }
        id += subDigit;
        count = sub[subDigit] as number;
        bits = TOP_BITS + SUB_BITS;
      }
      const existing = regions.get(id);
      if (existing) {
        existing.ranks.push(rank);
        continue;
      }
      const prefix = { high: (id * 2 ** (32 - TOP_BITS - SUB_BITS)) >>> 0, low: 0 };
      regions.set(id, this.#newRegion(prefix, bits, below, count, [rank]));
    }
    this.#setRegions([...regions.values()]);
  }

  #setRegions(regions: Region[]): void {
    this.#regions = regions;
    this.#marks = new Array(2 ** TOP_BITS);
    for (const region of regions) {
      const top = region.start.high >>> (32 - TOP_BITS);
      const marks = this.#marks[top] ?? new Uint8Array(2 ** SUB_BITS);
      this.#marks[top] = marks;
      const first = (region.start.high >>> (32 - TOP_BITS - SUB_BITS)) & 0xff;
      const last = (region.end.high >>> (32 - TOP_BITS - SUB_BITS)) & 0xff;
      marks.fill(1, first, last + 1);
    }
    this.#isDone = regions.length === 0;
  }

  #newRegion(prefix: Key, bits: number, below: number, count: number, ranks: number[]): Region {
    const { start, end } = spanOf(prefix, bits);
    const isSmall = count <= this.#cap;
    return {
      start,
      end,
      bits,
      below,
      count,
      ranks,
      buffer: isSmall ? new Float64Array(count) : null,
      filled: 0,
      histogram: isSmall ? null : new Uint32Array(2 ** Math.min(REFINE_BITS, 64 - bits)),
      values: isSmall ? null : new Map(),
    };
  }

  /** The region holding the current key (binary search on the ascending, disjoint regions). */
  #findRegion(): Region | undefined {
    const regions = this.#regions;
    let low = 0;
    let high = regions.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const region = regions[mid] as Region;
      if (compareKeys(keyHigh, keyLow, region.start) < 0) high = mid - 1;
      else if (compareKeys(keyHigh, keyLow, region.end) > 0) low = mid + 1;
      else return region;
    }
    return undefined;
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

  /** Every rank of a region from all of its values. */
  #settleBuffer(region: Region, buffer: Float64Array): void {
    const sorted = buffer.subarray(0, region.filled).sort();
    for (const rank of region.ranks)
      this.#resolved.set(rank, sorted[rank - region.below] as number);
    this.#settled.push({
      start: region.start,
      end: region.end,
      below: region.below,
      values: sorted,
      weights: null,
    });
  }

  /** Every rank of a region from its sorted distinct values and their counts. */
  #settleDistinct(region: Region, values: Map<number, number>): void {
    const sorted = Float64Array.from(values.keys()).sort();
    const weights = sorted.map((value) => values.get(value) as number);
    let seen = region.below;
    let index = 0;
    for (const rank of region.ranks) {
      while (index < sorted.length && seen + (weights[index] as number) <= rank) {
        seen += weights[index] as number;
        index++;
      }
      this.#resolved.set(rank, sorted[index] as number);
    }
    this.#settled.push({
      start: region.start,
      end: region.end,
      below: region.below,
      values: sorted,
      weights,
    });
  }

  /** The sub-regions (the next digit) that hold the region's ranks. */
  #refine(region: Region): Region[] {
    const histogram = region.histogram as Uint32Array;
    const width = Math.min(REFINE_BITS, 64 - region.bits);
    const children = new Map<number, Region>();
    const single = new Set<number>();
    let seen = region.below;
    let digit = 0;
    for (const rank of region.ranks) {
      while (seen + (histogram[digit] as number) <= rank) {
        seen += histogram[digit] as number;
        digit++;
      }
      const prefix = extendPrefix(region.start, region.bits, digit, width);
      const bits = region.bits + width;
      if (bits === 64) {
        // One double: every value of this digit is it.
        const value = decodeKey(prefix.high, prefix.low);
        if (!single.has(digit)) {
          single.add(digit);
          this.#settled.push({
            start: prefix,
            end: prefix,
            below: seen,
            values: Float64Array.of(value),
            weights: Float64Array.of(histogram[digit] as number),
          });
        }
        this.#resolved.set(rank, value);
        continue;
      }
      const existing = children.get(digit);
      if (existing) existing.ranks.push(rank);
      else
        children.set(
          digit,
          this.#newRegion(prefix, bits, seen, histogram[digit] as number, [rank]),
        );
    }
    return [...children.values()];
  }
}
