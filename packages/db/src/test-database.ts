import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, migrateDatabase, openDatabase } from "./open-database.ts";

// The PostgreSQL server the integration suite uses; trust auth on the development and CI machines.
const DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a throwaway database on the
 * PostgreSQL server, chosen by PEDIGREE_TEST_DATABASE (set per Vitest project). `close()` drops
 * the throwaway database.
 */
export async function openTestDatabase(): Promise<Database> {
  const kind = process.env.PEDIGREE_TEST_DATABASE ?? "pglite";
  if (kind === "pglite") return openDatabase({ kind: "embedded", dataDir: null });
  if (kind !== "postgres")
    throw new Error(`PEDIGREE_TEST_DATABASE must be pglite or postgres, not ${kind}`);

  const server = process.env.PEDIGREE_TEST_POSTGRES_URL ?? DEFAULT_SERVER;
  const name = `pedigree_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const url = new URL(server);
  url.pathname = `/${name}`;
  await migrateDatabase({ kind: "postgres", url: url.toString() });
  const db = await openDatabase({ kind: "postgres", url: url.toString() });
  return {
    ...db,
    close: async () => {
      await db.close();
      const dropper = new pg.Client({ connectionString: server });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
