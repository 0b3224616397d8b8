import { METRIC_BLOCK_STEPS } from "./downsample.ts";

/** A metric point as a client logs it; the value may be NaN or ±Infinity. */
export interface LoggedPoint {
  key: string;
  step: number;
  timestamp: number;
  value: number;
}

/**
 * The points of one key in one block of METRIC_BLOCK_STEPS steps from one write, as a
 * MetricChunk row stores them: sorted by (step, timestamp, logging order), with the extremes and
 * the last value over the finite points only (a chart cannot draw NaN or ±Infinity); null when
 * none is finite.
 */
export interface MetricChunk {
  key: string;
  block: number;
  steps: number[];
  timestamps: number[];
  values: number[];
  count: number;
  finiteCount: number;
  min: number | null;
  max: number | null;
  lastStep: number | null;
  lastTimestamp: number | null;
  last: number | null;
}

/** The block of a step, as the SQL function pedigree_metric_block computes it. */
export const metricBlock = (step: number): number => Math.floor(step / METRIC_BLOCK_STEPS);

function toChunk(
  points: readonly LoggedPoint[],
  key: string,
  block: number,
  order: number[],
): MetricChunk {
  // Indexes into `points`, sorted by (step, timestamp, logging order): no copies of the points.
  order.sort((a, b) => {
    const p = points[a] as LoggedPoint;
    const q = points[b] as LoggedPoint;
    return p.step - q.step || p.timestamp - q.timestamp || a - b;
  });
  const sorted = order.map((index) => points[index] as LoggedPoint);
  const chunk: MetricChunk = {
    key,
    block,
    steps: sorted.map((point) => point.step),
    timestamps: sorted.map((point) => point.timestamp),
    values: sorted.map((point) => point.value),
    count: sorted.length,
    finiteCount: 0,
    min: null,
    max: null,
    lastStep: null,
    lastTimestamp: null,
    last: null,
  };
  for (const point of sorted) {
    if (!Number.isFinite(point.value)) continue;
    chunk.finiteCount += 1;
    chunk.min = chunk.min === null || point.value < chunk.min ? point.value : chunk.min;
    chunk.max = chunk.max === null || point.value > chunk.max ? point.value : chunk.max;
    // Sorted ascending: the last finite point seen is the highest (step, timestamp, order).
    chunk.lastStep = point.step;
    chunk.lastTimestamp = point.timestamp;
    chunk.last = point.value;
  }
  return chunk;
}

/**
 * The chunks one write of points makes: one per (key, block). The twin of the SQL function
 * pedigree_metric_chunks (migration 20261126090000), which merges chunks inside the database;
 * metric-chunks.int.test.ts proves the two build the same rows. Ingest builds them here because
 * sorting a thousand points costs the web process far less than the database.
 */
export function buildMetricChunks(points: readonly LoggedPoint[]): MetricChunk[] {
  const byKey = new Map<string, Map<number, number[]>>();
  points.forEach((point, index) => {
    const block = metricBlock(point.step);
    let blocks = byKey.get(point.key);
    if (!blocks) {
      blocks = new Map();
      byKey.set(point.key, blocks);
    }
    const order = blocks.get(block);
    if (order) order.push(index);
    else blocks.set(block, [index]);
  });
  const chunks: MetricChunk[] = [];
  for (const [key, blocks] of byKey) {
    for (const [block, order] of blocks) chunks.push(toChunk(points, key, block, order));
  }
  return chunks;
}

/** PostgreSQL's order of float8: -Infinity < finite < Infinity < NaN (NaN equals NaN). */
export function compareDoubles(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const byStepTimeValue = (a: LoggedPoint, b: LoggedPoint) =>
  a.step - b.step || a.timestamp - b.timestamp || compareDoubles(a.value, b.value);

/**
 * Each key's latest point: the highest (step, timestamp, value), as MLflow's SQL store orders
 * its latest metrics.
 */
export function findLatestPoints(points: readonly LoggedPoint[]): LoggedPoint[] {
  const latest = new Map<string, LoggedPoint>();
  for (const point of points) {
    const best = latest.get(point.key);
    if (!best || byStepTimeValue(point, best) > 0) latest.set(point.key, point);
  }
  return [...latest.values()];
}
