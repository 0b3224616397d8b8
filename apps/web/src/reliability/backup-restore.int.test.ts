// docs/BACKUP.md's procedure, run for real (PostgreSQL project only): the demo data set is seeded
// with the CLI, dumped with pg_dump -Fc, restored with pg_restore into a new database, and the
// restored database answers every provenance question as the original does.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type Database, findRepoRoot, openDatabase } from "@pedigree/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getProvenance } from "../app/api/v1/models/[name]/versions/[version]/provenance/route.ts";
import { setDatabaseForTests } from "../server/db.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../server/testing.ts";

const run = promisify(execFile);
const isPostgres = process.env.PEDIGREE_TEST_DATABASE === "postgres";
const source = setUpTestDatabase();
let restored: Database | undefined;
let restoredUrl: URL;
let folder: string;
let token: string;

/** The connection URL of a database of the test's throwaway kind. */
function sourceUrl(): URL {
  const target = source().target;
  if (target.kind !== "postgres") throw new Error("the backup test needs PostgreSQL");
  return new URL(target.url);
}

/** Client options for createdb / dropdb from a URL (the tools take no URL for these). */
function connectionArgs(url: URL): string[] {
  return ["-h", url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username)];
}

beforeAll(async () => {
  if (!isPostgres) return;
  folder = await mkdtemp(path.join(tmpdir(), "pedigree-backup-"));
  // Seeded as an operator would: the CLI's demo command into the (migrated, empty) database.
  const root = findRepoRoot(process.cwd());
  await run(
    path.join(root, "node_modules", ".bin", "tsx"),
    [path.join(root, "apps", "cli", "src", "main.ts"), "demo", "seed", "--seed", "7"],
    { cwd: root, env: { ...process.env, DATABASE_URL: sourceUrl().toString() } },
  );
  // A token of a user of the source: restored with the rest, it works on both databases.
  const viewer = await createTestUser(source(), { role: "VIEWER" });
  token = (await createTestToken(source(), viewer.id)).token;

  const dump = path.join(folder, "pedigree.dump");
  await run("pg_dump", ["--format=custom", `--file=${dump}`, `--dbname=${sourceUrl()}`]);
  restoredUrl = new URL(sourceUrl());
  restoredUrl.pathname = `${sourceUrl().pathname}_restored`;
  const name = restoredUrl.pathname.slice(1);
  await run("createdb", [...connectionArgs(restoredUrl), name]);
  await run("pg_restore", [
    "--no-owner",
    "--single-transaction",
    "--exit-on-error",
    `--dbname=${restoredUrl}`,
    dump,
  ]);
  restored = await openDatabase({ kind: "postgres", url: restoredUrl.toString() });
}, 180_000);

afterAll(async () => {
  if (!isPostgres) return;
  await restored?.close();
  if (restoredUrl) {
    const name = restoredUrl.pathname.slice(1);
    await run("dropdb", [...connectionArgs(restoredUrl), "--if-exists", "--force", name]);
  }
  if (folder) await rm(folder, { recursive: true, force: true });
}, 60_000);

function openRestored(): Database {
  if (!restored) throw new Error("the restored database is opened in beforeAll");
  return restored;
}

/** Every model version's provenance, through the route, on the database installed now. */
async function readAllProvenance(versions: { name: string; version: number }[]) {
  const answers: unknown[] = [];
  for (const { name, version } of versions) {
    const response = await getProvenance(
      new Request(`http://localhost/api/v1/models/${name}/versions/${version}/provenance`, {
        headers: bearer(token),
      }),
      routeContext({ name, version: String(version) }),
    );
    expect(response.status).toBe(200);
    answers.push(await response.json());
  }
  return answers;
}

async function countRows(db: Database): Promise<Record<string, number>> {
  const tables = await db.sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = row?.n ?? -1;
  }
  return counts;
}

describe.skipIf(!isPostgres)("backup with pg_dump and restore with pg_restore", () => {
  it("restores a seeded database that gives identical provenance answers and row counts", async () => {
    const versions = (
      await source().prisma.modelVersion.findMany({
        select: { version: true, model: { select: { name: true } } },
        orderBy: [{ model: { name: "asc" } }, { version: "asc" }],
      })
    ).map((row) => ({ name: row.model.name, version: row.version }));
    expect(versions.length).toBeGreaterThanOrEqual(10);

    const before = await readAllProvenance(versions);
    setDatabaseForTests(openRestored());
    try {
      const after = await readAllProvenance(versions);
      expect(after).toEqual(before);
    } finally {
      setDatabaseForTests(source());
    }
    // The answers are about something: runs, datasets and commits, not a list of NOT_FOUNDs.
    expect(JSON.stringify(before)).toContain('"datasetVersions":[{');

    const counts = await countRows(source());
    expect(await countRows(openRestored())).toEqual(counts);
    for (const table of ["Run", "ModelVersion", "DatasetVersion", "AuditEvent", "User"]) {
      expect(counts[table]).toBeGreaterThan(0);
    }
    const [points] = await source().sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "MetricPoint"`,
    );
    const [restoredPoints] = await openRestored().sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "MetricPoint"`,
    );
    expect(restoredPoints?.n).toBe(points?.n);
    expect(points?.n).toBeGreaterThan(100_000);
  });

  it("restores the migrations record, the sequences and the immutability triggers too", async () => {
    const db = openRestored();
    const migrations = await db.sql.query<{ name: string }>(
      `SELECT migration_name AS name FROM "_prisma_migrations" ORDER BY 1`,
    );
    const original = await source().sql.query<{ name: string }>(
      `SELECT migration_name AS name FROM "_prisma_migrations" ORDER BY 1`,
    );
    expect(migrations).toEqual(original);

    // A new audit event continues the sequence instead of colliding with a restored id.
    const newest = await db.prisma.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    const added = await db.prisma.auditEvent.create({
      data: { action: "backup.verified", targetType: "Database", targetId: "restored" },
    });
    expect(added.id).toBeGreaterThan(newest.id);
    await expect(
      db.sql.query(`UPDATE "AuditEvent" SET "action" = 'rewritten' WHERE "id" = $1`, [
        String(newest.id),
      ]),
    ).rejects.toMatchObject({ code: "23001" });
    await expect(
      db.sql.query(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [String(newest.id)]),
    ).rejects.toMatchObject({ code: "23001" });
  });
});
