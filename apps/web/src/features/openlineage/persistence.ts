import "server-only";
import type { Prisma } from "@pedigree/db";
import { type DatasetRef, type Facets, mergeFacets } from "@pedigree/domain";

type Tx = Prisma.TransactionClient;

/** Serialises writers of one job or run: the merge reads, then writes. */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
}

/**
 * Facets merged by event time: a newer event's facets replace the stored ones key by key; an
 * older event's only fill keys the stored facets lack. `updatedAt` is the newest event time seen.
 */
function mergeByTime(stored: Facets, storedAt: Date, incoming: Facets, at: Date) {
  return at >= storedAt
    ? { facets: mergeFacets([stored, incoming]), updatedAt: at }
    : { facets: mergeFacets([incoming, stored]), updatedAt: storedAt };
}

const asJson = (facets: Facets) => facets as Prisma.InputJsonObject;

export async function upsertJob(
  tx: Tx,
  job: { namespace: string; name: string; facets: Facets },
  at: Date,
  commitId: string | null,
): Promise<{ id: string }> {
  await lockKey(tx, `openlineage-job:${job.namespace}:${job.name}`);
  const stored = await tx.openLineageJob.findUnique({
    where: { namespace_name: { namespace: job.namespace, name: job.name } },
    select: { id: true, facets: true, updatedAt: true, commitId: true },
  });
  if (!stored) {
    return tx.openLineageJob.create({
      data: { ...job, facets: asJson(job.facets), commitId, updatedAt: at },
      select: { id: true },
    });
  }
  const merged = mergeByTime(stored.facets as Facets, stored.updatedAt, job.facets, at);
  const isNewer = at >= stored.updatedAt;
  return tx.openLineageJob.update({
    where: { id: stored.id },
    data: {
      facets: asJson(merged.facets),
      updatedAt: merged.updatedAt,
      commitId: (isNewer ? commitId : null) ?? stored.commitId ?? commitId,
    },
    select: { id: true },
  });
}

export async function upsertDataset(
  tx: Tx,
  dataset: DatasetRef,
  at: Date,
): Promise<{ id: string }> {
  const stored = await tx.openLineageDataset.findUnique({
    where: { namespace_name: { namespace: dataset.namespace, name: dataset.name } },
    select: { id: true, facets: true, updatedAt: true },
  });
  if (!stored) {
    return tx.openLineageDataset.create({
      data: {
        namespace: dataset.namespace,
        name: dataset.name,
        facets: asJson(dataset.facets),
        updatedAt: at,
      },
      select: { id: true },
    });
  }
  if (Object.keys(dataset.facets).length === 0) return stored;
  const merged = mergeByTime(stored.facets as Facets, stored.updatedAt, dataset.facets, at);
  return tx.openLineageDataset.update({
    where: { id: stored.id },
    data: { facets: asJson(merged.facets), updatedAt: merged.updatedAt },
    select: { id: true },
  });
}

export interface EdgeInput {
  jobId: string;
  runId: string | null;
  datasetId: string;
  direction: "INPUT" | "OUTPUT";
  version: string | null;
  datasetVersionId: string | null;
  modelVersionId: string | null;
  facets: Facets;
}

/** One edge per job or run, dataset and direction; links found later are added, never removed. */
export async function upsertEdge(tx: Tx, edge: EdgeInput, at: Date): Promise<void> {
  const key = `${edge.jobId}|${edge.runId ?? ""}|${edge.datasetId}|${edge.direction}`;
  const stored = await tx.openLineageEdge.findUnique({
    where: { key },
    select: {
      id: true,
      facets: true,
      updatedAt: true,
      version: true,
      datasetVersionId: true,
      modelVersionId: true,
    },
  });
  if (!stored) {
    await tx.openLineageEdge.create({
      data: { ...edge, key, facets: asJson(edge.facets), updatedAt: at },
    });
    return;
  }
  const merged = mergeByTime(stored.facets as Facets, stored.updatedAt, edge.facets, at);
  const isNewer = at >= stored.updatedAt;
  await tx.openLineageEdge.update({
    where: { id: stored.id },
    data: {
      facets: asJson(merged.facets),
      updatedAt: merged.updatedAt,
      version: (isNewer ? edge.version : stored.version) ?? stored.version ?? edge.version,
      datasetVersionId: edge.datasetVersionId ?? stored.datasetVersionId,
      modelVersionId: edge.modelVersionId ?? stored.modelVersionId,
    },
  });
}
