import { openDatabase } from "@pedigree/db";
import { seedDemo } from "@pedigree/demo";
import { resolveDatabaseTarget } from "../env.ts";
import { describeTarget } from "./describe-target.ts";

/** The demo's clock: fixed, so that the same seed gives the same data byte for byte. */
export const DEMO_NOW = new Date("2026-11-25T00:00:00Z");

/**
 * `pedigree demo seed [--seed N] [--now ISO] [--if-empty]`: writes the demo data set. With
 * --if-empty it does nothing when the database already has users (the start script's case).
 */
export async function seed(options: { seed: number; now: Date; ifEmpty: boolean }): Promise<void> {
  const target = resolveDatabaseTarget();
  const db = await openDatabase(target);
  try {
    if ((await db.prisma.user.count()) > 0) {
      if (options.ifEmpty) {
        console.log(`demo: ${describeTarget(target)} already has data; not seeding`);
        return;
      }
      throw new Error("the database already has data; the demo goes into an empty database");
    }
    const started = performance.now();
    const counts = await seedDemo(db, { seed: options.seed, now: options.now });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`demo: seeded ${describeTarget(target)} in ${seconds} s (seed ${options.seed})`);
    console.log(
      Object.entries(counts)
        .map(([table, count]) => `  ${table}: ${count}`)
        .join("\n"),
    );
  } finally {
    await db.close();
  }
}
