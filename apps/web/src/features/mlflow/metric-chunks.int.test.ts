// Ingest builds chunks in the web process (the domain's buildMetricChunks); compaction, the demo
// and the benchmark's seed build them in the database (pedigree_metric_chunks). Both must write
// the same rows for the same points, or a chart would change when a block is compacted.
import { buildMetricChunks, type LoggedPoint, type MetricChunk } from "@pedigree/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../server/testing.ts";
import { toSqlDouble } from "./wire.ts";

const getDb = setUpTestDatabase();

interface ChunkRow {
  key: string;
  block: string;
  steps: string[];
  timestamps: string[];
  values: string[];
  count: number;
  finiteCount: number;
  min: string | null;
  max: string | null;
  lastStep: string | null;
  lastTimestamp: string | null;
  last: string | null;
}

// Numbers as text on both sides: the drivers differ in how they hand over bigint and NaN.
const text = (value: number | null) => (value === null ? null : toSqlDouble(value));

function fromDomain(chunk: MetricChunk) {
  return {
    key: chunk.key,
    block: String(chunk.block),
    steps: chunk.steps.map(String),
    timestamps: chunk.timestamps.map(String),
    values: chunk.values.map(toSqlDouble),
    count: chunk.count,
    finiteCount: chunk.finiteCount,
    min: text(chunk.min),
    max: text(chunk.max),
    lastStep: text(chunk.lastStep),
    lastTimestamp: text(chunk.lastTimestamp),
    last: text(chunk.last),
  };
}

async function fromDatabase(points: readonly LoggedPoint[]) {
  const rows = await getDb().sql.query<ChunkRow>(
    `SELECT "key", "block"::text, "steps"::text[], "timestamps"::text[], "values"::text[],
       "count", "finiteCount", "min"::text, "max"::text, "lastStep"::text,
       "lastTimestamp"::text, "last"::text
     FROM pedigree_metric_chunks(array_fill('run'::text, ARRAY[$5::int]), $1::text[],
       $2::text[]::bigint[], $3::text[]::bigint[], $4::text[]::float8[])`,
    [
      points.map((point) => point.key),
      points.map((point) => String(point.step)),
      points.map((point) => String(point.timestamp)),
      points.map((point) => toSqlDouble(point.value)),
      points.length,
    ],
  );
  return rows;
}

const byKeyAndBlock = (a: { key: string; block: string }, b: { key: string; block: string }) =>
  a.key.localeCompare(b.key) || Number(a.block) - Number(b.block);

// Few keys, steps and timestamps so that ties (same step, same time) are common; values
// include NaN, ±Infinity and equal extremes. Multiples of 1/8 survive the text round trip.
const points = fc.array(
  fc.record({
    key: fc.constantFrom("loss", "acc", "lr"),
    step: fc.integer({ min: -70, max: 140 }),
    timestamp: fc.integer({ min: 0, max: 3 }),
    value: fc.oneof(
      fc.integer({ min: -16, max: 16 }).map((n) => n / 8),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    ),
  }),
  { minLength: 1, maxLength: 120 },
);

describe("metric chunks built in the web process and in the database", () => {
  it("are the same rows for the same points", async () => {
    await fc.assert(
      fc.asyncProperty(points, async (logged) => {
        const expected = buildMetricChunks(logged).map(fromDomain).sort(byKeyAndBlock);
        const actual = (await fromDatabase(logged)).sort(byKeyAndBlock);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
