// pnpm bench scale-http: the production build against the scale data set (scale-seed first),
// under autocannon for PEDIGREE_BENCH_SECONDS (10) per request and load: each page and API the
// issue names at PEDIGREE_BENCH_LATENCY_CONNECTIONS (1: the latency a user sees, which the p99
// targets judge) and again at PEDIGREE_BENCH_CONNECTIONS (8: throughput, and the latency under
// that load, where queueing on 2 cores shared with the load generator dominates); sustained MLflow
// log-batch ingest in points/s at the latter; the drift report's compute time in process.
import { openDatabase } from "@pedigree/db";
import { benchDatabaseUrl } from "./database.ts";
import { measureDriftCompute } from "./drift-compute.ts";
import { runLoad } from "./load.ts";
import { readScaleOptions } from "./options.ts";
import { type Figure, failure, figure, printFigures, saveFigures } from "./results.ts";
import { ensureBuild, startServer } from "./server.ts";
import { createToken, signIn } from "./session.ts";
import { listProbes, logBatchBody, readSubjects } from "./targets.ts";

/** Three untimed requests (first renders, caches); answers why the request fails, if it does. */
async function warmUp(url: string, init: RequestInit): Promise<string | null> {
  for (let i = 0; i < 3; i += 1) {
    const response = await fetch(url, { ...init, redirect: "manual" });
    await response.arrayBuffer();
    const location = response.headers.get("location");
    if (response.status !== 200)
      return `answered ${response.status}${location ? ` (to ${location})` : ""}`;
  }
  return null;
}

const { latencyConnections, connections, seconds } = readScaleOptions();
const databaseUrl = benchDatabaseUrl();
const port = Number(process.env.PEDIGREE_BENCH_PORT ?? 3290);
const db = await openDatabase({ kind: "postgres", url: databaseUrl });
const figures: Figure[] = [];
try {
  const subjects = await readSubjects(db);
  const drift = await measureDriftCompute(db, subjects.deploymentId);
  figures.push(
    figure(`drift report compute (${drift.features} features, in process) p50`, drift.p50, "ms"),
    figure(`drift report compute (${drift.features} features, in process) p99`, drift.p99, "ms", {
      atMost: 5,
    }),
  );
  ensureBuild(console.log);
  const server = await startServer(databaseUrl, port);
  try {
    const cookie = await signIn(server.url);
    const token = await createToken(server.url);
    const headersOf = (auth: "session" | "token", json: boolean) => ({
      ...(auth === "session" ? { cookie } : { authorization: `Bearer ${token}` }),
      ...(json ? { "content-type": "application/json" } : {}),
    });
    console.log(
      `scale-http: ${latencyConnections} then ${connections} connections, ${seconds} s each, ${server.url}`,
    );
    for (const probe of listProbes(subjects)) {
      const init = {
        method: probe.method,
        headers: headersOf(probe.auth, probe.body !== undefined),
        body: probe.body,
      };
      const refusal = await warmUp(`${server.url}${probe.path}`, init);
      if (refusal) {
        console.log(`  ${probe.name}: ${refusal}, not measured`);
        figures.push(failure(`${probe.name} p99`, "ms", refusal, probe.p99Target));
        continue;
      }
      const single = await runLoad({
        url: `${server.url}${probe.path}`,
        connections: latencyConnections,
        seconds,
        ...init,
      });
      const loaded = await runLoad({
        url: `${server.url}${probe.path}`,
        connections,
        seconds,
        ...init,
      });
      if (single.ok === 0 || loaded.ok === 0) {
        const note = `no response completed in ${seconds} s (${single.failed + loaded.failed} failed)`;
        console.log(`  ${probe.name}: ${note}`);
        figures.push(failure(`${probe.name} p99`, "ms", note, probe.p99Target));
        continue;
      }
      const p99 = probe.p99Target === undefined ? undefined : { atMost: probe.p99Target };
      const underLoad = `${probe.name}, ${connections} connections`;
      figures.push(
        figure(`${probe.name} p50`, single.p50, "ms"),
        figure(`${probe.name} p95`, single.p95, "ms"),
        figure(`${probe.name} p99`, single.p99, "ms", p99),
        figure(`${underLoad}: p50`, loaded.p50, "ms"),
        figure(`${underLoad}: p99`, loaded.p99, "ms"),
        figure(`${underLoad}: throughput`, loaded.requestsPerSecond, "req/s"),
      );
      console.log(
        `  ${probe.name}: p50 ${single.p50.toFixed(1)} / p95 ${single.p95.toFixed(1)} / p99 ${single.p99.toFixed(1)} ms at ${latencyConnections}; at ${connections}: p50 ${loaded.p50.toFixed(1)} / p99 ${loaded.p99.toFixed(1)} ms, ${loaded.requestsPerSecond.toFixed(1)} req/s`,
      );
      const failed = single.failed + loaded.failed;
      if (failed > 0) figures.push(figure(`${probe.name} failed requests`, failed, "requests"));
    }

    // Ingest: one run per connection, created through MLflow's API; 1,000 metrics per request.
    const runIds: string[] = [];
    for (let i = 0; i < connections; i += 1) {
      const response = await fetch(`${server.url}/api/2.0/mlflow/runs/create`, {
        method: "POST",
        headers: headersOf("token", true),
        body: JSON.stringify({ experiment_id: subjects.experimentIds[0], run_name: `ingest-${i}` }),
      });
      const { run } = (await response.json()) as { run: { info: { run_id: string } } };
      runIds.push(run.info.run_id);
    }
    const ingest = await runLoad({
      url: `${server.url}/api/2.0/mlflow/runs/log-batch`,
      connections,
      seconds,
      method: "POST",
      headers: headersOf("token", true),
      body: (n) => logBatchBody(runIds[n % runIds.length] as string, n),
    });
    figures.push(
      figure(
        "MLflow log-batch ingest, 1,000 metrics/request",
        ingest.requestsPerSecond * 1000,
        "points/s",
        {
          atLeast: 100_000,
        },
      ),
      figure("MLflow log-batch request p99", ingest.p99, "ms"),
    );
    console.log(
      `  log-batch: ${(ingest.requestsPerSecond * 1000).toFixed(0)} points/s, p99 ${ingest.p99.toFixed(1)} ms${ingest.failed ? `, ${ingest.failed} failed` : ""}`,
    );
  } finally {
    await server.stop();
  }
} finally {
  await db.close();
}
printFigures(figures);
console.log(`scale-http: figures in ${saveFigures("http", figures)}`);
