// The PostgreSQL server stops in the middle of a log-batch load and starts again, on a cluster of
// this test's own (PostgreSQL project only). During the outage every answer is a 503 with
// Retry-After; afterwards the same process serves again, every acknowledged batch is stored
// whole and no batch is stored in part.
import { type Database, migrateDatabase, openDatabase } from "@pedigree/db";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as logBatch } from "../app/api/2.0/mlflow/[...path]/route.ts";
import { GET as listModels } from "../app/api/v1/models/route.ts";
import { createMlflowClient } from "../features/mlflow/test-client.ts";
import { setDatabaseForTests } from "../server/db.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  TEST_AUTH_SECRET,
} from "../server/testing.ts";
import { createOwnCluster, type OwnCluster } from "./own-cluster.ts";

const isPostgres = process.env.PEDIGREE_TEST_DATABASE === "postgres";
const WRITERS = 6;
const POINTS = 20;
const POLL = { timeout: 45_000, interval: 50 };

interface Answer {
  batch: number;
  status: number;
  retryAfter: string | null;
  /** The phase the request was sent in. */
  phase: Phase;
}
type Phase = "up" | "stopping" | "down" | "starting" | "recovered";

let cluster: OwnCluster;
let db: Database;
let token: string;

beforeAll(async () => {
  if (!isPostgres) return;
  vi.stubEnv("PEDIGREE_AUTH_SECRET", TEST_AUTH_SECRET);
  vi.stubEnv("PEDIGREE_LOG_LEVEL", "error");
  cluster = await createOwnCluster();
  const url = await cluster.createDatabase("pedigree_outage");
  await migrateDatabase({ kind: "postgres", url });
  db = await openDatabase({ kind: "postgres", url });
  setDatabaseForTests(db);
  const engineer = await createTestUser(db, { role: "ENGINEER" });
  token = (await createTestToken(db, engineer.id)).token;
}, 120_000);

afterAll(async () => {
  if (!isPostgres) return;
  setDatabaseForTests(null);
  await db?.close();
  await cluster?.destroy();
  vi.unstubAllEnvs();
}, 120_000);

/** Batch b: points of `m` at steps b*POINTS.., its own param and tag (all or nothing). */
function buildBatch(runId: string, batch: number) {
  return {
    run_id: runId,
    params: [{ key: `p_${batch}`, value: String(batch) }],
    metrics: Array.from({ length: POINTS }, (_, i) => ({
      key: "m",
      value: batch + i / 100,
      timestamp: 1_700_000_000_000 + batch,
      step: batch * POINTS + i,
    })),
    tags: [{ key: `t_${batch}`, value: String(batch) }],
  };
}

describe.skipIf(!isPostgres)("a database outage during a log-batch load", () => {
  it("answers 503 with Retry-After while the server is down, recovers by itself and loses no acknowledged batch", async () => {
    const client = createMlflowClient(token);
    const experiment = await client.post("experiments/create", { name: "outage" });
    const created = await client.post("runs/create", {
      experiment_id: experiment.json.experiment_id,
      start_time: 1_700_000_000_000,
    });
    const runId: string = created.json.run.info.run_id;

    let phase: Phase = "up";
    let next = 0;
    let isLoading = true;
    const answers: Answer[] = [];
    const countIn = (p: Phase, status: number) =>
      answers.filter((a) => a.phase === p && a.status === status).length;

    async function write() {
      while (isLoading) {
        const batch = next++;
        const sentIn = phase;
        const request = new Request("http://localhost/api/2.0/mlflow/runs/log-batch", {
          method: "POST",
          headers: { ...bearer(token), "content-type": "application/json" },
          body: JSON.stringify(buildBatch(runId, batch)),
        });
        const response = await logBatch(request);
        await response.text();
        answers.push({
          batch,
          status: response.status,
          retryAfter: response.headers.get("retry-after"),
          phase: sentIn,
        });
        // Pause on failures as a client honouring Retry-After would (briefly: it is a test).
        if (response.status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const writers = Array.from({ length: WRITERS }, write);

    try {
      await expect.poll(() => countIn("up", 200), POLL).toBeGreaterThanOrEqual(30);
      phase = "stopping";
      await cluster.stop();
      phase = "down";
      await expect.poll(() => countIn("down", 503), POLL).toBeGreaterThanOrEqual(20);

      // A native route during the outage: the app's error shape, also 503 with Retry-After.
      const models = await listModels(
        new Request("http://localhost/api/v1/models", { headers: bearer(token) }),
        routeContext(),
      );
      expect(models.status).toBe(503);
      expect(models.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await models.json()).error.code).toBe("UNAVAILABLE");

      phase = "starting";
      await cluster.start();
      phase = "recovered";
      await expect.poll(() => countIn("recovered", 200), POLL).toBeGreaterThanOrEqual(20);
    } finally {
      // A failed step must not leave the writers looping (or the server down) after the test.
      isLoading = false;
      await Promise.all(writers);
      if (phase !== "recovered") await cluster.start().catch(() => undefined);
    }

    // Never a 500: every answer is a success or a 503 that says when to come back.
    const failures = answers.filter((a) => a.status !== 200);
    expect(failures.map((a) => a.status).filter((s) => s !== 503)).toEqual([]);
    expect(failures.filter((a) => !/^\d+$/.test(a.retryAfter ?? ""))).toEqual([]);
    expect(answers.filter((a) => a.phase === "down").map((a) => a.status)).not.toContain(200);
    expect(answers.filter((a) => a.phase === "recovered" && a.status !== 200)).toEqual([]);

    // Each batch is stored whole or not at all; an acknowledged one is stored whole.
    const points = await db.sql.query<{ batch: number; points: number }>(
      `SELECT ("step" / ${POINTS})::int AS batch, count(*)::int AS points
       FROM "MetricPoint" WHERE "runId" = $1 GROUP BY 1`,
      [runId],
    );
    const pointsByBatch = new Map(points.map((row) => [row.batch, row.points]));
    const params = new Set(
      (await db.prisma.param.findMany({ where: { runId }, select: { key: true } })).map(
        (row) => row.key,
      ),
    );
    const tags = new Set(
      (await db.prisma.runTag.findMany({ where: { runId }, select: { key: true } })).map(
        (row) => row.key,
      ),
    );
    const stored = (batch: number) => ({
      points: pointsByBatch.get(batch) ?? 0,
      param: params.has(`p_${batch}`),
      tag: tags.has(`t_${batch}`),
    });
    const whole = { points: POINTS, param: true, tag: true };
    const none = { points: 0, param: false, tag: false };
    const acknowledged = answers.filter((a) => a.status === 200);
    const partial = answers
      .map((a) => ({ batch: a.batch, ...stored(a.batch) }))
      .filter(
        (s) =>
          !(s.points === POINTS && s.param && s.tag) && !(s.points === 0 && !s.param && !s.tag),
      );
    expect(partial).toEqual([]);
    for (const answer of acknowledged) expect(stored(answer.batch)).toEqual(whole);
    // A refused batch may have committed just before its connection broke, never in part.
    for (const answer of failures) expect([whole, none]).toContainEqual(stored(answer.batch));
    expect(pointsByBatch.size).toBeGreaterThanOrEqual(acknowledged.length);
  });
});
