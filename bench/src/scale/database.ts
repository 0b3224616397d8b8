// The bench database: PEDIGREE_BENCH_DATABASE_URL, or `pedigree_bench` on the local server. It is
// created when missing and migrated with our migrator, as `pnpm db:migrate` does for a server.
import { type Database, migrateDatabase, openDatabase } from "@pedigree/db";

export const DEFAULT_BENCH_URL = "postgresql://postgres@127.0.0.1:5432/pedigree_bench";

export function benchDatabaseUrl(): string {
  return process.env.PEDIGREE_BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL;
}

/** Drops and recreates the database named by `url` (connecting to the server's `postgres`). */
export async function recreateDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";
  const admin = await openDatabase({ kind: "postgres", url: adminUrl.toString() });
  try {
    await admin.sql.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.sql.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
}

/** A fresh, migrated bench database. */
export async function openFreshBenchDatabase(url: string): Promise<Database> {
  await recreateDatabase(url);
  await migrateDatabase({ kind: "postgres", url });
  return openDatabase({ kind: "postgres", url });
}
