import "server-only";
import type { Database } from "@pedigree/db";
import type { RunRecord } from "./types.ts";

/**
 * Runs with their params, tags, latest metrics and inputs, in the order of `ids` (missing ids are
 * skipped): four queries for the whole page, whatever its size.
 */
export async function loadRunDetails(db: Database, ids: readonly string[]): Promise<RunRecord[]> {
  if (ids.length === 0) return [];
  const where = { runId: { in: [...ids] } };
  const [runs, params, tags, metrics, inputs] = await Promise.all([
    db.prisma.run.findMany({ where: { id: { in: [...ids] } } }),
    db.prisma.param.findMany({ where, orderBy: { key: "asc" } }),
    db.prisma.runTag.findMany({ where, orderBy: { key: "asc" } }),
    db.prisma.latestMetric.findMany({ where, orderBy: { key: "asc" } }),
    db.prisma.runInput.findMany({
      where,
      include: { datasetVersion: { include: { dataset: true } } },
    }),
  ]);
  const byId = new Map<string, RunRecord>();
  for (const run of runs) {
    byId.set(run.id, {
      id: run.id,
      experimentId: run.experimentId,
      name: run.name,
      status: run.status,
      startTime: run.startTime,
      endTime: run.endTime,
      userName: run.userName,
      artifactUri: run.artifactUri,
      lifecycleStage: run.lifecycleStage,
      params: [],
      tags: [],
      metrics: [],
      inputs: [],
    });
  }
  for (const { runId, key, value } of params) byId.get(runId)?.params.push({ key, value });
  for (const { runId, key, value } of tags) byId.get(runId)?.tags.push({ key, value });
  for (const metric of metrics) {
    byId.get(metric.runId)?.metrics.push({
      key: metric.key,
      value: metric.value,
      step: Number(metric.step),
      timestamp: Number(metric.timestamp),
    });
  }
  for (const input of inputs) {
    byId.get(input.runId)?.inputs.push({
      datasetVersionId: input.datasetVersionId,
      datasetName: input.datasetVersion.dataset.name,
      context: input.context.toLowerCase(),
    });
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}
