import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client.ts";
import { applyMigrations, findMigrationsDir, readMigrations } from "./migrate.ts";
import { createPgliteRunner, createPgRunner, type SqlRunner } from "./sql-runner.ts";

export type DatabaseTarget =
  /** The embedded PGlite; `dataDir` null keeps it in memory (tests). */
  | { kind: "embedded"; dataDir: string | null }
  /** A PostgreSQL server; it must have been migrated (`pnpm db:migrate`). */
  | { kind: "postgres"; url: string };

export interface Database {
  prisma: PrismaClient;
  sql: SqlRunner;
  target: DatabaseTarget;
  close(): Promise<void>;
}

/**
 * Opens the database. The embedded one is migrated on open, so a newcomer needs no setup step;
 * a server is migrated by an operator's explicit command, never as a side effect of starting.
 */
export async function openDatabase(
  target: DatabaseTarget,
  migrationsDir: string = findMigrationsDir(),
): Promise<Database> {
  if (target.kind === "embedded") {
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
    const client = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
    const sql = createPgliteRunner(client);
    await applyMigrations(sql, readMigrations(migrationsDir));
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
    return {
      prisma,
      sql,
      target,
      close: async () => {
        await prisma.$disconnect();
        await client.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    sql: createPgRunner(pool),
    target,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Applies pending migrations to a PostgreSQL server over one connection; returns their names. */
export async function migratePostgres(
  url: string,
  migrationsDir: string = findMigrationsDir(),
): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await applyMigrations(createPgRunner(client), readMigrations(migrationsDir));
  } finally {
    await client.end();
  }
}
