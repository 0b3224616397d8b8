// The scale data set's sizes and its deterministic values. Sizes are issue 7's at scale 1; a
// smaller scale (PEDIGREE_BENCH_SCALE=0.01) shrinks them for development and the smoke test.

export interface ScaleSizes {
  experiments: number;
  runs: number;
  /** Runs with one `loss` curve of `longSteps` steps (the compare chart's runs). */
  longRuns: number;
  longSteps: number;
  /** Every run logs these metric keys for `shortSteps` steps (the long runs' `loss` excepted). */
  metricKeys: readonly string[];
  shortSteps: number;
  commits: number;
  datasets: number;
  datasetVersions: number;
  /** Each dataset version reads this many partitions, the window sliding by half of it. */
  partitionsPerVersion: number;
  models: number;
  versionsPerModel: number;
  deployments: number;
  features: number;
  windows: number;
}

export const METRIC_KEYS = ["loss", "acc", "f1", "auc", "val_loss"] as const;

/** Sizes at `scale` (1: the sizes); every count stays large enough for the pages to work. */
export function sizesAt(scale: number): ScaleSizes {
  if (!(scale > 0 && scale <= 1)) throw new Error(`scale must be in (0, 1], not ${scale}`);
  const at = (full: number, min: number) => Math.max(min, Math.round(full * scale));
  const runs = at(100_000, 40);
  const models = at(1_000, 2);
  const datasetVersions = at(10_000, 4);
  return {
    experiments: at(100, 1),
    runs,
    longRuns: Math.min(10, runs),
    longSteps: at(100_000, 1000),
    metricKeys: METRIC_KEYS,
    shortSteps: 38,
    commits: at(1_000, 2),
    datasets: Math.min(datasetVersions, at(100, 1)),
    datasetVersions,
    partitionsPerVersion: scale >= 0.1 ? 200 : 20,
    models,
    // Half of the runs train a model version (and the rest are experiments that did not).
    versionsPerModel: Math.max(3, Math.min(50, Math.floor(runs / 2 / models))),
    deployments: Math.min(models, at(50, 1)),
    features: Math.max(10, Math.round(200 * Math.sqrt(scale))),
    windows: Math.max(7, Math.round(365 * Math.sqrt(scale))),
  };
}

/** Raw partitions: each version's window starts `stride` after the previous one of its dataset. */
export function partitionLayout(sizes: ScaleSizes) {
  const stride = sizes.partitionsPerVersion / 2;
  const versionsPerDataset = Math.ceil(sizes.datasetVersions / sizes.datasets);
  const perDataset = versionsPerDataset * stride + stride;
  return { stride, versionsPerDataset, perDataset, total: perDataset * sizes.datasets };
}

const PRIME = 2_147_483_647;

/**
 * A pseudo-random double in [0, 1) of the integer SQL expression `x` and the seed: two rounds of
 * the Park-Miller generator in bigint arithmetic, so PostgreSQL and PGlite give the same values
 * (hashtext's output is not promised to stay the same across versions).
 */
export function uniformSql(x: string, seed: number): string {
  return `(mod(mod(mod((${x})::bigint, ${PRIME}) * 48271 + ${seed}, ${PRIME}) * 16807 + 12345, ${PRIME})::float8 / ${PRIME})`;
}

/** The same generator in JavaScript (for values computed outside SQL). */
export function uniform(x: number, seed: number): number {
  const a = (BigInt(x) % BigInt(PRIME)) * 48271n + BigInt(seed);
  const b = ((a % BigInt(PRIME)) * 16807n + 12345n) % BigInt(PRIME);
  return Number(b) / PRIME;
}

/** Zero-padded ids, so that they sort as numbers. */
export const padId = (prefix: string, n: number, width = 7) =>
  `${prefix}${String(n).padStart(width, "0")}`;
export const padSql = (prefix: string, expr: string, width = 7) =>
  `'${prefix}' || lpad((${expr})::text, ${width}, '0')`;

/** Every timestamp hangs off this instant (no clock): the data set is the same on every run. */
export const EPOCH = Date.UTC(2026, 0, 1);
export const EPOCH_SQL = `timestamptz '2026-01-01 00:00:00+00'`;

export const BENCH_USER = { email: "bench@example.com", password: "pedigree-bench" } as const;
