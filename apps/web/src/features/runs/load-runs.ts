import "server-only";
import { type Database, epochMs } from "@pedigree/db";
import type { RunRecord } from "./types.ts";

interface RunRow {
  id: string;
  experimentId: string;
  name: string;
  status: RunRecord["status"];
  startMs: number;
  endMs: number | null;
  userName: string;
  artifactUri: string;
  lifecycleStage: RunRecord["lifecycleStage"];
  params: [string, string][];
  tags: [string, string][];
  /** [key, value, step, timestamp]; JSON has no NaN or ±Infinity, so those come as strings. */
  metrics: [string, number | string, number, number][];
  inputs: [string, string, string][];
}

const RUN_DETAILS_SQL = `
  SELECT r."id", r."experimentId", r."name", r."status"::text AS "status",
    ${epochMs('r."startTime"', "startMs")}, ${epochMs('r."endTime"', "endMs")},
    r."userName", r."artifactUri", r."lifecycleStage"::text AS "lifecycleStage",
    (SELECT coalesce(json_agg(json_build_array(p."key", p."value") ORDER BY p."key"), '[]')
     FROM "Param" p WHERE p."runId" = r."id") AS "params",
    (SELECT coalesce(json_agg(json_build_array(t."key", t."value") ORDER BY t."key"), '[]')
     FROM "RunTag" t WHERE t."runId" = r."id") AS "tags",
    (SELECT coalesce(json_agg(json_build_array(m."key", m."value", m."step", m."timestamp")
       ORDER BY m."key"), '[]')
     FROM "LatestMetric" m WHERE m."runId" = r."id") AS "metrics",
    (SELECT coalesce(json_agg(json_build_array(i."datasetVersionId", d."name", lower(i."context"::text))
       ORDER BY d."name", i."context"), '[]')
     FROM "RunInput" i JOIN "DatasetVersion" v ON v."id" = i."datasetVersionId"
     JOIN "Dataset" d ON d."id" = v."datasetId"
     WHERE i."runId" = r."id") AS "inputs"
  FROM "Run" r WHERE r."id" = ANY($1::text[])`;

/**
 * Runs with their params, tags, latest metrics and inputs, in the order of `ids` (missing ids are
 * skipped): one query for the whole page, each run's lists aggregated in the database.
 */
export async function loadRunDetails(db: Database, ids: readonly string[]): Promise<RunRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.sql.query<RunRow>(RUN_DETAILS_SQL, [[...ids]]);
  const byId = new Map<string, RunRecord>();
  for (const row of rows) {
    byId.set(row.id, {
      id: row.id,
      experimentId: row.experimentId,
      name: row.name,
      status: row.status,
      startTime: new Date(row.startMs),
      endTime: row.endMs === null ? null : new Date(row.endMs),
      userName: row.userName,
      artifactUri: row.artifactUri,
      lifecycleStage: row.lifecycleStage,
      params: row.params.map(([key, value]) => ({ key, value })),
      tags: row.tags.map(([key, value]) => ({ key, value })),
      metrics: row.metrics.map(([key, value, step, timestamp]) => ({
        key,
        value: Number(value),
        step,
        timestamp,
      })),
      inputs: row.inputs.map(([datasetVersionId, datasetName, context]) => ({
        datasetVersionId,
        datasetName,
        context,
      })),
    });
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}
