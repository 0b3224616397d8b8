import "server-only";
import { type Database, type DatabaseTarget, openDatabase } from "@pedigree/db";
import { getEnv } from "../env.ts";
import { startDeliveryWorkerOnce } from "../features/webhooks/delivery-worker.ts";

// One database per server process: PGlite is single-process, and a pool per module instance
// would multiply connections. Kept on globalThis because dev reloads re-evaluate modules.
const slot = globalThis as typeof globalThis & { pedigreeDatabase?: Promise<Database> };

export function getDatabaseTarget(): DatabaseTarget {
  const env = getEnv();
  return env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL }
    : { kind: "embedded", dataDir: env.PEDIGREE_DATA_DIR };
}

/**
 * Opens the database on first use; a failed open is forgotten so that the next call retries.
 * The first open also starts the process's webhook delivery worker (tests install their own
 * database with setDatabaseForTests and start workers themselves).
 */
export function getDatabase(): Promise<Database> {
  slot.pedigreeDatabase ??= openDatabase(getDatabaseTarget()).then(
    (db) => {
      startDeliveryWorkerOnce(db);
      return db;
    },
    (error: unknown) => {
      slot.pedigreeDatabase = undefined;
      throw error;
    },
  );
  return slot.pedigreeDatabase;
}

/** Integration tests hand in their own database (openTestDatabase); null forgets it. */
export function setDatabaseForTests(db: Database | null): void {
  slot.pedigreeDatabase = db ? Promise.resolve(db) : undefined;
}
