// pnpm bench lineage-graph: a lineage graph of 1,000,000 nodes (900,000 raw partitions, 50,000
// dataset versions, 25,000 runs, 25,000 model versions) in a throwaway PostgreSQL database, then
// p50/p99 of the provenance service and of a depth-3 graph query around random model versions.
// Targets (issue 4): provenance p99 <= 20 ms, depth-3 graph p99 <= 50 ms.
import { openTestDatabase } from "@pedigree/db";
import { getLineageGraph } from "../../apps/web/src/features/lineage/graph-service.ts";
import { WALK_SQL } from "../../apps/web/src/features/lineage/walk-sql.ts";
import { getProvenance } from "../../apps/web/src/features/provenance/service.ts";
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
    return (((t ^ (t >>> 14)) >>> 0) % below) + 0;
  };
}

const format = (r: { p50: number; p99: number; mean: number; count: number }) =>
  `p50 ${r.p50.toFixed(2)} ms · p99 ${r.p99.toFixed(2)} ms · mean ${r.mean.toFixed(2)} ms (${r.count} calls)`;

async function main() {
  // A throwaway database on the PostgreSQL server (PEDIGREE_TEST_POSTGRES_URL), dropped at the end.
  process.env.PEDIGREE_TEST_DATABASE = "postgres";
  const db = await openTestDatabase();
  try {
    console.log("building the graph");
    const started = performance.now();
    await buildLineageGraph(db, console.log);
    const [nodes] = await db.sql.query<{
      partitions: number;
      versions: number;
      runs: number;
      models: number;
    }>(
      `SELECT (SELECT count(*)::int FROM "RawPartition") AS partitions,
           (SELECT count(*)::int FROM "DatasetVersion") AS versions,
           (SELECT count(*)::int FROM "Run") AS runs,
           (SELECT count(*)::int FROM "ModelVersion") AS models`,
    );
    const total =
      (nodes?.partitions ?? 0) + (nodes?.versions ?? 0) + (nodes?.runs ?? 0) + (nodes?.models ?? 0);
    console.log(
      `built ${total.toLocaleString("en")} nodes (${JSON.stringify(nodes)}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const perModel = SHAPE.runs / SHAPE.models;
    const random = makeRandom(42);
    const provenance = await measure(
      () => {
        const k = 1 + random(SHAPE.runs);
        return getProvenance(
          db,
          `model-${1 + Math.floor((k - 1) / perModel)}`,
          1 + ((k - 1) % perModel),
        );
      },
      { count },
    );
    console.log(
      `provenance service (model version, run, 2 dataset versions, 40-400 partitions): ${format(provenance)}`,
    );

    const graph = await measure(
      () =>
        getLineageGraph(db, {
          node: `modelVersion:mv${1 + random(SHAPE.runs)}`,
          depth: 3,
          direction: "both",
          expand: new Map(),
        }),
      { count },
    );
    console.log(`depth-3 graph query around a model version: ${format(graph)}`);

    const sample = await getLineageGraph(db, {
      node: "modelVersion:mv25",
      depth: 3,
      direction: "both",
      expand: new Map(),
    });
    console.log(
      `  (a sample answer: ${sample.nodes.length} nodes, ${sample.edges.length} edges, clusters: ${sample.nodes
        .filter((n) => n.kind === "cluster")
        .map((n) => n.label)
        .join("; ")})`,
    );
    // The plan of the walk: each hop should be index scans, never a scan of a whole table.
    const plan = await db.sql.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${WALK_SQL}`,
      ["modelVersion", "mv25", 3, 8, ["up", "down"]],
    );
    const lines = plan.map((row) => row["QUERY PLAN"]);
    const scans = lines.filter((line) => /Seq Scan|Index Scan|Index Only Scan|Bitmap/.test(line));
    const timings = lines.filter((line) => /Execution Time|Planning Time/.test(line));
    console.log(
      `  walk plan: ${scans.filter((line) => line.includes("Seq Scan")).length} sequential scans of ${scans.length} scans; ${timings.join("; ").replace(/\s+/g, " ")}`,
    );
    if (process.env.PEDIGREE_BENCH_EXPLAIN === "1") console.log(lines.join("\n"));
    console.log(
      `targets: provenance p99 <= 20 ms: ${provenance.p99 <= 20 ? "met" : "MISSED"}; depth-3 graph p99 <= 50 ms: ${graph.p99 <= 50 ? "met" : "MISSED"}`,
    );
  } finally {
    await db.close();
  }
}

await main();
