// pnpm bench impact: impact analysis on the 1,000,000-node lineage graph of lineage-build.ts, in a
// throwaway PostgreSQL database: p50/p99 of the impact service from a random raw partition (each
// feeds 2-3 dataset versions, or ~25 for the wide ones) and from a random dataset version.
import { openTestDatabase } from "@pedigree/db";
import { getImpact } from "../../apps/web/src/features/impact/service.ts";
import { buildLineageGraph, SHAPE } from "./lineage-build.ts";
import { measure } from "./stats.ts";

const count = Number(process.env.PEDIGREE_BENCH_COUNT ?? 500);

/** A fixed sequence of pseudo-random integers (mulberry32), so runs ask the same questions. */
function makeRandom(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % below;
  };
}

const format = (r: { p50: number; p99: number; mean: number; count: number }) =>
  `p50 ${r.p50.toFixed(2)} ms · p99 ${r.p99.toFixed(2)} ms · mean ${r.mean.toFixed(2)} ms (${r.count} calls)`;

const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);

async function main() {
  process.env.PEDIGREE_TEST_DATABASE = "postgres";
  const db = await openTestDatabase();
  try {
    console.log("building the graph");
    await buildLineageGraph(db, console.log);
    const random = makeRandom(7);
    const sizes: number[] = [];
    const fromPartition = await measure(
      async () => {
        const uri = `s3://bench/dataset-${1 + random(SHAPE.datasets)}/dt=${day(random(SHAPE.daysPerDataset))}/`;
        const report = await getImpact(db, { partition: uri });
        sizes.push(
          report.datasetVersions.length + report.modelVersions.length + report.deployments.length,
        );
      },
      { count },
    );
    sizes.sort((a, b) => a - b);
    console.log(
      `impact from a raw partition: ${format(fromPartition)}; rows per answer: median ${sizes[Math.floor(sizes.length / 2)]}, max ${sizes[sizes.length - 1]}`,
    );
    const versions = await db.sql.query<{ id: string }>(
      `SELECT id FROM "DatasetVersion" ORDER BY id LIMIT 5000`,
    );
    const fromVersion = await measure(
      () => getImpact(db, { datasetVersion: versions[random(versions.length)]?.id ?? "" }),
      { count },
    );
    console.log(`impact from a dataset version: ${format(fromVersion)}`);
  } finally {
    await db.close();
  }
}

await main();
