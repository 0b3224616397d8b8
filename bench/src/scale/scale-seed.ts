// pnpm bench scale-seed: the scale data set in a fresh database (PEDIGREE_BENCH_DATABASE_URL,
// default pedigree_bench on the local server), at PEDIGREE_BENCH_SCALE (default 1) and
// PEDIGREE_BENCH_SEED (default 7).
import { benchDatabaseUrl, openFreshBenchDatabase } from "./database.ts";
import { readScaleOptions } from "./options.ts";
import { seedScale } from "./seed.ts";

const { scale, seed } = readScaleOptions();
const url = benchDatabaseUrl();
console.log(`scale-seed: scale ${scale}, seed ${seed}, into ${url.replace(/\/\/[^@]*@/, "//")}`);
const db = await openFreshBenchDatabase(url);
try {
  const summary = await seedScale(db, { seed, scale, log: console.log });
  console.log(JSON.stringify(summary.counts));
  console.log(`scale-seed: ${summary.totalSeconds.toFixed(1)} s`);
} finally {
  await db.close();
}
