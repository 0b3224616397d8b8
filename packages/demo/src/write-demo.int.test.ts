import { type Database, openTestDatabase } from "@pedigree/db";
import { verifyPassword } from "@pedigree/domain/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCounts, DemoData } from "./demo-data.ts";
import { generateDemo } from "./generate-demo.ts";
import { DEMO_PASSWORD } from "./generate-people.ts";
import { writeDemo } from "./write-demo.ts";

const NOW = new Date("2026-11-25T00:00:00Z");
let db: Database;
let data: DemoData;
let counts: DemoCounts;
let seconds: number;

beforeAll(async () => {
  db = await openTestDatabase();
  const started = performance.now();
  data = generateDemo({ seed: 1, now: NOW });
  counts = await writeDemo(db, data);
  seconds = (performance.now() - started) / 1000;
  console.log(`demo seeded on ${process.env.PEDIGREE_TEST_DATABASE} in ${seconds.toFixed(1)} s`);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const count = async (table: string, where = "true") =>
  Number(
    (
      await db.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}" WHERE ${where}`)
    )[0]?.n,
  );

describe(`the full demo in a database (${process.env.PEDIGREE_TEST_DATABASE})`, () => {
  it("writes every row it generated, in well under a minute", async () => {
    expect(seconds).toBeLessThan(60);
    const tables: [string, string][] = [
      ["users", "User"],
      ["runs", "Run"],
      ["params", "Param"],
      ["metricPoints", "MetricPoint"],
      ["latestMetrics", "LatestMetric"],
      ["datasetVersions", "DatasetVersion"],
      ["modelVersions", "ModelVersion"],
      ["featureProfiles", "FeatureProfile"],
      ["driftReports", "DriftReport"],
      ["auditEvents", "AuditEvent"],
    ];
    for (const [key, table] of tables) expect(await count(table)).toBe(counts[key]);
    expect(counts.metricPoints).toBeGreaterThan(150_000);
    expect(counts.runs).toBe(300);
  });

  it("has one production version per model and keeps the demo's timestamps", async () => {
    const rows = await db.sql.query<{ name: string; n: number }>(
      `SELECT m.name, count(*)::int AS n FROM "ModelVersion" v JOIN "RegisteredModel" m ON m.id = v."modelId"
       WHERE v.stage = 'PRODUCTION' GROUP BY m.name ORDER BY m.name`,
    );
    expect(rows).toEqual([
      { name: "churn", n: 1 },
      { name: "fraud-detection", n: 1 },
      { name: "ranking", n: 1 },
    ]);
    const generated = data.modelVersions[0];
    const stored = await db.prisma.modelVersion.findUniqueOrThrow({ where: { id: generated?.id } });
    expect(stored.updatedAt).toEqual(generated?.updatedAt);
    expect(stored.createdAt).toEqual(generated?.createdAt);
  });

  it("lets the five demo accounts sign in with the demo password", async () => {
    const users = await db.prisma.user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((u) => u.email)).toEqual([
      "admin@example.com",
      "approver1@example.com",
      "approver2@example.com",
      "engineer@example.com",
      "viewer@example.com",
    ]);
    for (const user of users) expect(verifyPassword(DEMO_PASSWORD, user.passwordHash)).toBe(true);
  });

  it("keeps latest metrics equal to the last points, NaN included", async () => {
    const mismatches = await count(
      "LatestMetric",
      `NOT EXISTS (SELECT 1 FROM "MetricPoint" p WHERE p."runId" = "LatestMetric"."runId"
        AND p.key = "LatestMetric".key AND p.step = "LatestMetric".step AND p.value = "LatestMetric".value)`,
    );
    expect(mismatches).toBe(0);
    expect(await count("LatestMetric", `value = 'NaN'::float8`)).toBeGreaterThanOrEqual(1);
  });

  it("drifts past PSI 0.2 in the last week's reports and never in the weeks before", async () => {
    // The last full day is the one before NOW's: the last week's windows start from NOW - 8 days.
    const rows = await db.sql.query<{
      service: string;
      isLastWeek: boolean;
      n: number;
      drifted: number;
    }>(
      `SELECT d.service, r."windowStart" >= $1 AS "isLastWeek", count(*)::int AS n,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM jsonb_array_elements(r.features) f WHERE (f->>'psi')::float8 > 0.2
              ))::int AS drifted
       FROM "DriftReport" r JOIN "Deployment" d ON d.id = r."deploymentId"
       WHERE d.environment = 'production'
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [new Date(NOW.getTime() - 8 * 86_400_000)],
    );
    const before = rows.filter((r) => !r.isLastWeek);
    expect(before.map((r) => r.n)).toEqual([23, 23, 23]);
    expect(before.every((r) => r.drifted === 0)).toBe(true);
    const drifting = rows.filter((r) => r.isLastWeek && r.n === 7 && r.drifted === 7);
    expect(drifting.map((r) => r.service)).toEqual(["fraud-scoring-api", "ranking-service"]);
  });

  it("links the baselines and windows of each production deployment", async () => {
    const rows = await db.sql.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM "FeatureProfile" GROUP BY kind ORDER BY kind`,
    );
    expect(rows.map((r) => r.kind)).toEqual(["BASELINE", "WINDOW"]);
    const orphans = await count(
      "DriftReport",
      `NOT EXISTS (SELECT 1 FROM "FeatureProfile" p WHERE p."datasetVersionId" = "DriftReport"."baselineDatasetVersionId")`,
    );
    expect(orphans).toBe(0);
  });
});
