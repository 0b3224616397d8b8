import "server-only";
import {
  type Database,
  type DatabaseTarget,
  findMigrationsDir,
  readMigrationStatus,
  readMigrations,
} from "@pedigree/db";
import { logger } from "../../server/logger.ts";

/** A probe slower than this counts as a database that does not answer. */
const PROBE_TIMEOUT_MS = 2_000;

interface HealthReport {
  status: "ok" | "unavailable";
  database: { kind: DatabaseTarget["kind"]; ok: boolean; pendingMigrations: string[] };
}

/**
 * Asks the database for `SELECT 1` and the migrations it has not applied. Opening is not timed:
 * a fresh embedded database migrates itself on open, which is slow once and not a failure.
 * `configuredKind` is reported when the database cannot even be opened.
 */
export async function checkHealth(
  openDatabase: () => Promise<Database>,
  configuredKind: DatabaseTarget["kind"],
): Promise<HealthReport> {
  let kind = configuredKind;
  try {
    const db = await openDatabase();
    kind = db.target.kind;
    const pendingMigrations = await withTimeout(probe(db), PROBE_TIMEOUT_MS);
    return { status: "ok", database: { kind, ok: true, pendingMigrations } };
  } catch (error) {
    logger.warn("health check failed", { error });
    return { status: "unavailable", database: { kind, ok: false, pendingMigrations: [] } };
  }
}

async function probe(db: Database): Promise<string[]> {
  await db.sql.query("SELECT 1");
  const status = await readMigrationStatus(db.sql, readMigrations(findMigrationsDir()));
  return status.pending;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
