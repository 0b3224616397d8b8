import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { applyMigrations, findMigrationsDir, readMigrations } from "./migrate.ts";
import { type Database, migrateDatabase, openDatabase, openEmbedded } from "./open-database.ts";
import { createPgliteRunner } from "./sql-runner.ts";

// The PostgreSQL server the integration suite uses; trust auth on the development and CI machines.
const DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a throwaway database on the
 * PostgreSQL server, chosen by PEDIGREE_TEST_DATABASE (set per Vitest project). `close()` drops
 * the throwaway database.
 */
export async function openTestDatabase(): Promise<Database> {
  const kind = process.env.PEDIGREE_TEST_DATABASE ?? "pglite";
  if (kind === "pglite") return openPgliteFromTemplate();
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

/**
 * An in-memory PGlite loaded from a migrated data folder kept in the temp folder (one per set of
 * migrations, written once by whichever test file comes first): booting PGlite from a dump skips
 * its initdb and the migrations, most of a test file's setup time.
 */
async function openPgliteFromTemplate(): Promise<Database> {
  const migrations = readMigrations(findMigrationsDir());
  const key = createHash("sha256")
    .update(migrations.map((migration) => migration.checksum).join(","))
    .digest("hex")
    .slice(0, 16);
  const file = path.join(tmpdir(), `pedigree-pglite-template-${key}.tar`);
  if (!existsSync(file)) {
    const template = new PGlite();
    await applyMigrations(createPgliteRunner(template), migrations);
    const dump = await template.dumpDataDir("none");
    await template.close();
    // Written beside and renamed: test files starting together never read half a template.
    const partial = `${file}.${randomBytes(4).toString("hex")}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  const client = new PGlite({ loadDataDir: new Blob([readFileSync(file)]) });
  return openEmbedded(client, { kind: "embedded", dataDir: null });
}
