// pnpm bench scale-seed: the scale data set in a fresh database (PEDIGREE_BENCH_DATABASE_URL,
// default pedigree_bench on the local server), at PEDIGREE_BENCH_SCALE (default 1) and
// PEDIGREE_BENCH_SEED (default 7).
import { benchDatabaseUrl, openFreshBenchDatabase } from "./database.ts";
import { readScaleOptions } from "./options.ts";
import { figure, saveFigures } from "./results.ts";
import { seedScale } from "./seed.ts";

const { scale, seed } = readScaleOptions();
const url = benchDatabaseUrl();
console.log(`scale-seed: scale ${scale}, seed ${seed}, into ${url.replace(/\/\/[^@]*@/, "//")}`);
const db = await openFreshBenchDatabase(url);
try {
  const summary = await seedScale(db, { seed, scale, log: console.log });
  console.log(JSON.stringify(summary.counts));
  console.log(`scale-seed: ${summary.totalSeconds.toFixed(1)} s`);
  const { counts } = summary;
  saveFigures("seed", [
    figure(`scale-seed, whole data set (scale ${scale})`, summary.totalSeconds, "s"),
    ...Object.entries(summary.seconds).map(([part, s]) => figure(`scale-seed: ${part}`, s, "s")),
    figure("runs", counts.Run ?? 0, "rows"),
    figure("metric points", counts.MetricPoint ?? 0, "points"),
    figure("raw partitions", counts.RawPartition ?? 0, "rows"),
    figure("dataset versions", counts.DatasetVersion ?? 0, "rows"),
    figure("model versions", counts.ModelVersion ?? 0, "rows"),
    figure("feature profiles", counts.FeatureProfile ?? 0, "rows"),
    figure("drift reports", counts.DriftReport ?? 0, "rows"),
    figure("lineage graph nodes", counts.lineageNodes ?? 0, "nodes"),
    figure("database size", (counts.databaseBytes ?? 0) / 2 ** 20, "MiB"),
    figure(
      "metric storage per point",
      (counts.metricBytes ?? 0) / (counts.MetricPoint || 1),
      "bytes",
    ),
  ]);
} finally {
  await db.close();
}
