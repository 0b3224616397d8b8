import { PGlite } from "@electric-sql/pglite";
import { afterAll, expect, it } from "vitest";
import {
  applyMigrations,
  findMigrationsDir,
  readMigrationStatus,
  readMigrations,
} from "./migrate.ts";
import { createPgliteRunner } from "./sql-runner.ts";

// The migrator itself, on a bare PGlite (the same on both projects: it needs no server).
const client = new PGlite();
const runner = createPgliteRunner(client);
afterAll(() => client.close());

it("applies pending migrations once, then nothing", async () => {
  const migrations = readMigrations(findMigrationsDir());
  expect(await applyMigrations(runner, migrations)).toEqual(migrations.map((m) => m.name));
  expect(await applyMigrations(runner, migrations)).toEqual([]);
});

it("rolls a failing migration back whole and refuses an edited one", async () => {
  const migrations = readMigrations(findMigrationsDir());
  const broken = {
    name: "99999999999999_broken",
    sql: "CREATE TABLE t_ok (id int); SELECT 1/0;",
    checksum: "x",
  };
  await expect(applyMigrations(runner, [...migrations, broken])).rejects.toThrow(
    /division by zero/,
  );
  const [row] = await runner.query<{ exists: boolean }>(
    `SELECT to_regclass('t_ok') IS NOT NULL AS "exists"`,
  );
  expect(row?.exists).toBe(false);
  const first = migrations[0];
  if (!first) throw new Error("no migrations");
  await expect(readMigrationStatus(runner, [{ ...first, checksum: "edited" }])).rejects.toThrow(
    /edited/,
  );
});
