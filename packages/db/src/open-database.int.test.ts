import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  classifyDatabaseError,
  type Database,
  findMigrationsDir,
  readMigrationStatus,
  readMigrations,
} from "./index.ts";
import { openTestDatabase } from "./test-database.ts";

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

async function createModel(name: string) {
  return db.prisma.registeredModel.create({ data: { name } });
}

describe(`database (${process.env.PEDIGREE_TEST_DATABASE})`, () => {
  it("has every migration applied and recorded as Prisma records it", async () => {
    const migrations = readMigrations(findMigrationsDir());
    const status = await readMigrationStatus(db.sql, migrations);
    expect(status.pending).toEqual([]);
    expect(status.applied).toEqual(migrations.map((m) => m.name));
  });

  it("stores NaN and ±Infinity metric values as themselves", async () => {
    const experiment = await db.prisma.experiment.create({
      data: { name: "e", artifactLocation: "/a" },
    });
    const run = await db.prisma.run.create({
      data: { experimentId: experiment.id, name: "r", startTime: new Date(0), artifactUri: "/a/r" },
    });
    await db.sql.query(
      `INSERT INTO "MetricChunk" ("runId", "key", "block", "steps", "timestamps", "values", "count",
         "finiteCount", "min", "max", "lastStep", "lastTimestamp", "last")
       SELECT * FROM pedigree_metric_chunks(ARRAY[$1, $1, $1, $1], ARRAY['loss', 'loss', 'loss', 'loss'],
         ARRAY[0, 1, 2, 3], ARRAY[0, 0, 0, 0], ARRAY['NaN', 'Infinity', '-Infinity', '0.5']::float8[])`,
      [run.id],
    );
    const [chunk] = await db.prisma.metricChunk.findMany({ where: { runId: run.id } });
    // The chunk's summary counts only the finite value.
    expect(chunk).toMatchObject({ count: 4, finiteCount: 1, min: 0.5, max: 0.5, last: 0.5 });
    expect(chunk?.values).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      0.5,
    ]);
  });

  it("commits a transaction that resolves and rolls back one that throws", async () => {
    const names = ["kept", "dropped"];
    await db.sql.transaction((sql) =>
      sql.query(
        `INSERT INTO "Experiment" ("id", "name", "artifactLocation") VALUES ($1, $1, '/a')`,
        [names[0]],
      ),
    );
    await expect(
      db.sql.transaction(async (sql) => {
        await sql.query(
          `INSERT INTO "Experiment" ("id", "name", "artifactLocation") VALUES ($1, $1, '/a')`,
          [names[1]],
        );
        throw new Error("after the insert");
      }),
    ).rejects.toThrow("after the insert");
    const rows = await db.sql.query<{ name: string }>(
      `SELECT "name" FROM "Experiment" WHERE "name" = ANY($1::text[])`,
      [names],
    );
    expect(rows.map((row) => row.name)).toEqual(["kept"]);
  });

  it("refuses a second production version of a model", async () => {
    const model = await createModel("one-production");
    await db.prisma.modelVersion.create({
      data: { modelId: model.id, version: 1, source: "s", stage: "PRODUCTION" },
    });
    const second = await db.prisma.modelVersion.create({
      data: { modelId: model.id, version: 2, source: "s" },
    });
    const refused = await db.prisma.modelVersion
      .update({ where: { id: second.id }, data: { stage: "PRODUCTION" } })
      .catch((error: unknown) => error);
    expect(classifyDatabaseError(refused)).toBe("unique_violation");
    // Archiving the old one first, in one transaction, is the allowed path.
    await db.prisma.$transaction([
      db.prisma.modelVersion.updateMany({
        where: { modelId: model.id, stage: "PRODUCTION" },
        data: { stage: "ARCHIVED" },
      }),
      db.prisma.modelVersion.update({ where: { id: second.id }, data: { stage: "PRODUCTION" } }),
    ]);
    const production = await db.prisma.modelVersion.findMany({
      where: { modelId: model.id, stage: "PRODUCTION" },
    });
    expect(production.map((v) => v.version)).toEqual([2]);
  });

  it("refuses to change or delete a written dataset version, its partitions or an audit event", async () => {
    const dataset = await db.prisma.dataset.create({ data: { name: "d" } });
    await db.prisma.datasetVersion.create({
      data: { id: "a".repeat(64), datasetId: dataset.id, rowCount: 10n },
    });
    await expect(
      db.sql.query(`UPDATE "DatasetVersion" SET "rowCount" = 11 WHERE id = $1`, ["a".repeat(64)]),
    ).rejects.toMatchObject({ code: "23001" });
    await expect(
      db.sql.query(`DELETE FROM "DatasetVersion" WHERE id = $1`, ["a".repeat(64)]),
    ).rejects.toMatchObject({ code: "23001" });
    const partition = await db.prisma.rawPartition.create({
      data: { uri: "s3://raw/dt=2026-11-01", checksum: "c1", rowCount: 10n, bytes: 100n },
    });
    await db.prisma.datasetVersionPartition.create({
      data: { datasetVersionId: "a".repeat(64), partitionId: partition.id },
    });
    await expect(
      db.sql.query(`UPDATE "DatasetVersionPartition" SET "partitionId" = $1`, [partition.id]),
    ).rejects.toMatchObject({ code: "23001" });
    await expect(db.sql.query(`DELETE FROM "DatasetVersionPartition"`)).rejects.toMatchObject({
      code: "23001",
    });
    const event = await db.prisma.auditEvent.create({
      data: { action: "x", targetType: "t", targetId: "1" },
    });
    await expect(
      db.sql.query(`UPDATE "AuditEvent" SET action = 'y' WHERE id = $1`, [event.id]),
    ).rejects.toMatchObject({ code: "23001" });
    await expect(
      db.sql.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [event.id]),
    ).rejects.toMatchObject({ code: "23001" });
  });
});

describe("a server connection that dies while idle", () => {
  it.skipIf(process.env.PEDIGREE_TEST_DATABASE !== "postgres")(
    "is dropped without crashing the process, and the next query opens another (PostgreSQL only)",
    async () => {
      const [{ pid }] = await db.prisma.$queryRaw<
        [{ pid: number }]
      >`SELECT pg_backend_pid() AS pid`;
      const killer = await openTestDatabase();
      try {
        // Ends the pool's idle connection from outside, as a server restart would.
        await killer.sql.query("SELECT pg_terminate_backend($1)", [pid]);
      } finally {
        await killer.close();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [row] = await db.prisma.$queryRaw<[{ one: number }]>`SELECT 1 AS one`;
      expect(row.one).toBe(1);
    },
  );
});
