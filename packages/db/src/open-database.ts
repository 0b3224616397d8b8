import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client.ts";
import {
  applyMigrations,
  findMigrationsDir,
  type MigrationStatus,
  readMigrationStatus,
  readMigrations,
} from "./migrate.ts";
import { createPgliteRunner, createPgRunner, type SqlRunner } from "./sql-runner.ts";

/** PGlite in its folder (created on first use, as on a fresh machine), or in memory. */
function openPglite(dataDir: string | null): PGlite {
  if (!dataDir) return new PGlite();
  mkdirSync(dataDir, { recursive: true });
  return new PGlite(dataDir);
}

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
  if (target.kind === "embedded")
    return openEmbedded(openPglite(target.dataDir), target, migrationsDir);
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // An idle connection that the server closes (a restart, a terminated backend) is reported as an
  // 'error' event on the pool; unhandled, that event would crash the process. The pool already
  // discards the broken connection and the next query opens another, so a warning is enough.
  pool.on("error", (error) => {
    console.warn(`pedigree: an idle database connection failed and was dropped: ${error.message}`);
  });
  // A connection in use can emit 'error' more than once when the server goes away (the FATAL
  // "terminating connection", then "Connection terminated unexpectedly"); pg-pool listens once
  // and the client is then out of the pool, so the second event would crash the process. The
  // query that was running has already failed with the first; the rest needs no handling.
  pool.on("connect", (client) => {
    client.on("error", () => undefined);
  });
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

/** Runs `work` on one connection to the target, without migrating it first. */
async function withConnection<T>(
  target: DatabaseTarget,
  work: (sql: SqlRunner) => Promise<T>,
): Promise<T> {
  if (target.kind === "embedded") {
    const client = openPglite(target.dataDir);
    try {
      return await work(createPgliteRunner(client));
    } finally {
      await client.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return await work(createPgRunner(client));
  } finally {
    await client.end();
  }
}

/** Applies pending migrations over one connection; returns the names it applied. */
export function migrateDatabase(
  target: DatabaseTarget,
  migrationsDir: string = findMigrationsDir(),
): Promise<string[]> {
  return withConnection(target, (sql) => applyMigrations(sql, readMigrations(migrationsDir)));
}

export function readDatabaseMigrationStatus(
  target: DatabaseTarget,
  migrationsDir: string = findMigrationsDir(),
): Promise<MigrationStatus> {
  return withConnection(target, (sql) => readMigrationStatus(sql, readMigrations(migrationsDir)));
}

/** An open PGlite as the app's database, migrated first (a no-op when it already is). */
export async function openEmbedded(
  client: PGlite,
  target: DatabaseTarget,
  migrationsDir: string = findMigrationsDir(),
): Promise<Database> {
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
