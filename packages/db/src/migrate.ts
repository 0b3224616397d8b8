import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SqlRunner } from "./sql-runner.ts";

export interface Migration {
  name: string;
  sql: string;
  /** SHA-256 of the file, as Prisma records it, so `prisma migrate status` agrees with us. */
  checksum: string;
}

/** Finds prisma/migrations by walking up from `start` (the app runs from apps/web, the CLI from apps/cli). */
export function findMigrationsDir(start: string = process.cwd()): string {
  // Turbopack would otherwise trace the whole project for this runtime lookup.
  let dir = path.resolve(/*turbopackIgnore: true*/ start);
  for (;;) {
    const candidate = path.join(dir, "prisma", "migrations");
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`prisma/migrations not found above ${start}`);
    dir = parent;
  }
}

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// The same table Prisma Migrate keeps, so either tool can read the other's history.
const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant; it keeps two processes from migrating one PostgreSQL database at once.
const MIGRATION_LOCK_KEY = 7_303_117;

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export async function readMigrationStatus(
  runner: SqlRunner,
  migrations: Migration[],
): Promise<MigrationStatus> {
  const [exists] = await runner.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
  );
  const rows = exists?.exists
    ? await runner.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations"
         WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
    : [];
  const done = new Map(rows.map((row) => [row.migration_name, row.checksum]));
  for (const migration of migrations) {
    const checksum = done.get(migration.name);
    if (checksum !== undefined && checksum !== migration.checksum) {
      throw new Error(
        `migration ${migration.name} was edited after it was applied; add a new migration instead`,
      );
    }
  }
  return {
    applied: migrations.filter((m) => done.has(m.name)).map((m) => m.name),
    pending: migrations.filter((m) => !done.has(m.name)).map((m) => m.name),
  };
}

/**
 * Applies the pending migrations in order, in one transaction with their history rows, so a
 * failure leaves the database as it was. The runner must hold one connection (not a pool).
 * Returns the names it applied.
 */
export async function applyMigrations(
  runner: SqlRunner,
  migrations: Migration[],
): Promise<string[]> {
  await runner.exec(HISTORY_TABLE);
  await runner.exec("BEGIN");
  try {
    await runner.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    const { pending } = await readMigrationStatus(runner, migrations);
    for (const migration of migrations.filter((m) => pending.includes(m.name))) {
      await runner.exec(migration.sql);
      await runner.query(
        `INSERT INTO "_prisma_migrations"
           (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
    }
    await runner.exec("COMMIT");
    return pending;
  } catch (error) {
    await runner.exec("ROLLBACK");
    throw error;
  }
}
