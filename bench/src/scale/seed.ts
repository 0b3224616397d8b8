// The scale data set, part by part, each timed. Deterministic: the same seed and scale give the
// same rows (no clock, no Math.random); every value is set-based SQL on the server.
import type { Database } from "@pedigree/db";
import { type ScaleSizes, sizesAt } from "./config.ts";
import { seedCode } from "./seed-code.ts";
import { seedDatasets } from "./seed-datasets.ts";
import { seedDrift } from "./seed-drift.ts";
import { seedRegistry } from "./seed-registry.ts";
import { type PartContext, seedTracking } from "./seed-tracking.ts";

export interface SeedOptions {
  seed: number;
  scale: number;
  log?: (line: string) => void;
  /** VACUUM ANALYZE at the end (PGlite's planner needs no statistics for the smoke test). */
  analyze?: boolean;
}

export interface SeedSummary {
  sizes: ScaleSizes;
  seconds: Record<string, number>;
  totalSeconds: number;
  counts: Record<string, number>;
}

/** Rows per table that the benchmark depends on, and the lineage graph's node count. */
async function countRows(db: Database): Promise<Record<string, number>> {
  const tables = [
    "Run",
    "MetricPoint",
    "LatestMetric",
    "RawPartition",
    "DatasetVersion",
    "DatasetVersionPartition",
    "ModelVersion",
    "Deployment",
    "FeatureProfile",
    "DriftReport",
    "OpenLineageJob",
    "OpenLineageEdge",
  ];
  const [row] = await db.sql.query<Record<string, string>>(
    `SELECT ${tables.map((table) => `(SELECT count(*) FROM "${table}")::text AS "${table}"`).join(", ")},
      (SELECT count(*) FROM "CodeCommit")::text AS "CodeCommit",
      pg_database_size(current_database())::text AS "databaseBytes",
      pg_total_relation_size(COALESCE(to_regclass('"MetricChunk"'), '"MetricPoint"'::regclass))::text
        AS "metricBytes"`,
  );
  const counts = Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
  const nodeTables = ["RawPartition", "DatasetVersion", "Run", "ModelVersion", "Deployment"];
  counts.lineageNodes =
    nodeTables.reduce((sum, table) => sum + (counts[table] ?? 0), 0) +
    (counts.CodeCommit ?? 0) +
    (counts.OpenLineageJob ?? 0);
  return counts;
}

/** Writes the data set into an empty, migrated database. */
export async function seedScale(db: Database, options: SeedOptions): Promise<SeedSummary> {
  const log = options.log ?? (() => {});
  if (!Number.isSafeInteger(options.seed) || options.seed < 0)
    throw new Error(`seed must be a non-negative integer, not ${options.seed}`);
  const sizes = sizesAt(options.scale);
  const context: PartContext = { db, sizes, seed: options.seed, log };
  const seconds: Record<string, number> = {};
  const started = performance.now();
  async function part<T>(name: string, work: () => Promise<T>): Promise<T> {
    log(`${name}...`);
    const start = performance.now();
    const result = await work();
    seconds[name] = (performance.now() - start) / 1000;
    log(`${name}: ${seconds[name].toFixed(1)} s`);
    return result;
  }
  await part("accounts and commits", () => seedCode(context));
  await part("runs and metrics", () => seedTracking(context));
  const versions = await part("datasets and partitions", () => seedDatasets(context));
  await part("registry and OpenLineage", () => seedRegistry(context, versions));
  await part("deployments, profiles and drift reports", () => seedDrift(context));
  if (options.analyze ?? true) await part("VACUUM ANALYZE", () => db.sql.exec("VACUUM ANALYZE"));
  const counts = await countRows(db);
  return { sizes, seconds, totalSeconds: (performance.now() - started) / 1000, counts };
}
