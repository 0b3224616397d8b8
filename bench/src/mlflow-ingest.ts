// `pnpm bench mlflow-ingest`: MLflow log-batch ingest over real HTTP into a throwaway PostgreSQL
// database. Several concurrent clients each send batches of 1,000 metrics (MLflow's largest) to
// their own run; prints metric points per second and per-request latency. The server is the
// app's MLflow route handlers behind a node:http bridge in this process (no Next build; run with
// --conditions=react-server so that "server-only" imports are empty), so the clients and the
// server share this machine's cores.
//   MLFLOW_BENCH_CLIENTS (8), MLFLOW_BENCH_BATCHES per client (40), PEDIGREE_TEST_POSTGRES_URL.
import { randomBytes } from "node:crypto";
import { openTestDatabase } from "@pedigree/db";
import { displayApiTokenPrefix, formatApiToken, hashApiToken } from "@pedigree/domain/server";
import { percentile, readPostgresCpuSeconds } from "./stats.ts";

const CLIENTS = Number(process.env.MLFLOW_BENCH_CLIENTS ?? 8);
const BATCHES = Number(process.env.MLFLOW_BENCH_BATCHES ?? 40);
const METRICS_PER_BATCH = 1000;
const KEYS = 20;

process.env.PEDIGREE_TEST_DATABASE = "postgres";
process.env.PEDIGREE_AUTH_SECRET ??= randomBytes(32).toString("hex");
process.env.PEDIGREE_LOG_LEVEL = "error";

const { setDatabaseForTests } = await import("../../apps/web/src/server/db.ts");
const { startMlflowBridge } = await import("../../apps/web/src/features/mlflow/http-bridge.ts");

const db = await openTestDatabase();
setDatabaseForTests(db);
const bridge = await startMlflowBridge();

try {
  const user = await db.prisma.user.create({
    data: { email: "bench@example.com", name: "Bench", role: "ENGINEER", passwordHash: "x" },
  });
  const token = formatApiToken(randomBytes(32));
  await db.prisma.apiToken.create({
    data: {
      userId: user.id,
      name: "bench",
      tokenHash: hashApiToken(token),
      prefix: displayApiTokenPrefix(token),
    },
  });
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${bridge.url}/api/2.0/mlflow/${path}`, {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  const { experiment_id } = (await post("experiments/create", { name: "ingest" })) as {
    experiment_id: string;
  };
  const runIds: string[] = [];
  for (let i = 0; i < CLIENTS; i += 1) {
    const { run } = (await post("runs/create", { experiment_id, run_name: `client-${i}` })) as {
      run: { info: { run_id: string } };
    };
    runIds.push(run.info.run_id);
  }
  const batchBody = (runId: string, batch: number) => ({
    run_id: runId,
    metrics: Array.from({ length: METRICS_PER_BATCH }, (_, i) => {
      const step = batch * (METRICS_PER_BATCH / KEYS) + Math.floor(i / KEYS);
      return {
        key: `metric_${i % KEYS}`,
        value: step % 997 === 0 ? "NaN" : Math.sin(step / 50),
        timestamp: 1_700_000_000_000 + step,
        step,
      };
    }),
  });

  await post("runs/log-batch", batchBody(runIds[0] as string, 0)); // warm-up
  // Bodies are serialised before the clock starts, as a load generator sends prepared requests:
  // the clients share this process (and its core) with the server.
  const bodies = runIds.map((runId) =>
    Array.from({ length: BATCHES }, (_, i) => JSON.stringify(batchBody(runId, i + 1))),
  );
  const latencies: number[] = [];
  const postgresCpuBefore = readPostgresCpuSeconds();
  const nodeCpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    bodies.map(async (batches) => {
      for (const body of batches) {
        const t0 = performance.now();
        await post("runs/log-batch", body);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const nodeCpu = process.cpuUsage(nodeCpuBefore);
  const requests = CLIENTS * BATCHES;
  // CPU per request is what the machine's load does not change much: each of the two cores
  // could serve 1000 / (ms per request) requests if it ran only that side.
  const cpuMsPerRequest = {
    node: ((nodeCpu.user + nodeCpu.system) / 1000 / requests).toFixed(2),
    postgres: (((readPostgresCpuSeconds() - postgresCpuBefore) * 1000) / requests).toFixed(2),
  };
  const points = CLIENTS * BATCHES * METRICS_PER_BATCH;
  const [{ stored } = { stored: 0 }] = await db.sql.query<{ stored: number }>(
    `SELECT sum("count")::int AS stored FROM "MetricChunk"`,
  );
  latencies.sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        benchmark: "mlflow-ingest (log-batch, 1000 metrics per request, PostgreSQL)",
        clients: CLIENTS,
        requests: CLIENTS * BATCHES,
        points,
        storedPoints: stored,
        seconds: Number(seconds.toFixed(2)),
        pointsPerSecond: Math.round(points / seconds),
        cpuMsPerRequest,
        requestMs: {
          p50: Number(percentile(latencies, 50).toFixed(1)),
          p99: Number(percentile(latencies, 99).toFixed(1)),
        },
        target: ">= 100000 points/s",
      },
      null,
      2,
    ),
  );
} finally {
  await bridge.stop();
  setDatabaseForTests(null);
  await db.close();
}
