// The soak's mixed load: MLflow log-batch ingest (1,000 metrics a request), the model page's
// server render with a session, and the provenance, lineage and runs search APIs. The reads are
// scale-http's own requests (targets.ts), so the two benchmarks ask the same questions.
import { listProbes, logBatchBody, type Subjects } from "../scale/targets.ts";

export interface Kind {
  name: string;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  /** The body of the request numbered `n` (each log-batch request writes new steps). */
  body?: (n: number) => string;
}

export interface Credentials {
  cookie: string;
  token: string;
}

const READS = [
  ["model page", "model page (server render)"],
  ["provenance API", "provenance"],
  ["lineage API", "lineage depth-3 query"],
  ["runs search API", "runs search, all runs"],
] as const;

/** `ingestRunIds`: the runs that log-batch writes to, round robin. */
export function buildMix(subjects: Subjects, auth: Credentials, ingestRunIds: string[]): Kind[] {
  const probes = listProbes(subjects);
  const bearer = { authorization: `Bearer ${auth.token}` };
  const json = { "content-type": "application/json" };
  const reads = READS.map(([name, probeName]): Kind => {
    const probe = probes.find((p) => p.name.startsWith(probeName));
    if (!probe) throw new Error(`targets.ts has no request named "${probeName}..."`);
    const body = probe.body;
    return {
      name,
      method: probe.method,
      path: probe.path,
      headers: {
        ...(probe.auth === "session" ? { cookie: auth.cookie } : bearer),
        ...(body === undefined ? {} : json),
      },
      ...(body === undefined ? {} : { body: () => body }),
    };
  });
  const ingest: Kind = {
    name: "log-batch ingest",
    method: "POST",
    path: "/api/2.0/mlflow/runs/log-batch",
    headers: { ...bearer, ...json },
    body: (n) => logBatchBody(ingestRunIds[n % ingestRunIds.length] as string, n),
  };
  return [ingest, ...reads];
}

/** `count` fresh runs in the first bench experiment, made through MLflow's API. */
export async function createIngestRuns(
  url: string,
  token: string,
  experimentId: string,
  label: string,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${url}/api/2.0/mlflow/runs/create`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ experiment_id: experimentId, run_name: `soak-${label}-${i}` }),
    });
    if (!response.ok)
      throw new Error(`runs/create answered ${response.status}: ${await response.text()}`);
    const { run } = (await response.json()) as { run: { info: { run_id: string } } };
    ids.push(run.info.run_id);
  }
  return ids;
}
