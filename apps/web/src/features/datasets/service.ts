import "server-only";
import { classifyDatabaseError, type Database } from "@pedigree/db";
import {
  diffDatasetVersions,
  type JsonValue,
  type NormalizedDatasetVersion,
  normalizeDatasetVersion,
  toDatasetVersionContent,
} from "@pedigree/domain";
import { computeDatasetVersionId } from "@pedigree/domain/server";
import { AppError } from "../../server/errors.ts";
import type {
  DatasetSummary,
  DatasetVersionSummary,
  DatasetVersionView,
  RegisterDatasetVersionInput,
} from "./types.ts";

const versionColumns = {
  id: true,
  rowCount: true,
  createdAt: true,
  params: true,
  schema: true,
  qualityChecks: true,
  sourceUri: true,
  dataset: { select: { name: true } },
  commit: { select: { repo: true, sha: true, message: true, author: true, committedAt: true } },
  partitions: {
    select: {
      partition: {
        select: { uri: true, checksum: true, rowCount: true, bytes: true, partitionKey: true },
      },
    },
  },
} as const;

type VersionRow = NonNullable<Awaited<ReturnType<typeof loadVersion>>>;

function loadVersion(db: Database, id: string) {
  return db.prisma.datasetVersion.findUnique({ where: { id }, select: versionColumns });
}

const toNumber = (value: bigint | null) => (value === null ? null : Number(value));

function toView(row: VersionRow): DatasetVersionView {
  return {
    id: row.id,
    dataset: row.dataset.name,
    rowCount: Number(row.rowCount),
    createdAt: row.createdAt.toISOString(),
    commit: row.commit
      ? { ...row.commit, committedAt: row.commit.committedAt?.toISOString() ?? null }
      : null,
    params: row.params as Record<string, JsonValue>,
    schema: row.schema as JsonValue,
    qualityChecks: row.qualityChecks as JsonValue,
    sourceUri: row.sourceUri,
    partitions: row.partitions
      .map(({ partition }) => ({
        uri: partition.uri,
        checksum: partition.checksum,
        rowCount: toNumber(partition.rowCount),
        bytes: toNumber(partition.bytes),
        partitionKey: partition.partitionKey,
      }))
      .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)),
  };
}

/** A stored version in the shape the domain compares. */
function toNormalized(view: DatasetVersionView): NormalizedDatasetVersion {
  return {
    dataset: view.dataset,
    partitions: view.partitions.map((p) => ({ ...p, lakefsCommit: null })),
    commit: view.commit,
    params: view.params,
    rowCount: view.rowCount,
    schema: view.schema,
    qualityChecks: view.qualityChecks as unknown as NormalizedDatasetVersion["qualityChecks"],
    sourceUri: view.sourceUri,
  };
}

function refuseDifferences(id: string, differences: string[]): never {
  throw new AppError(
    "CONFLICT",
    `Dataset version ${id.slice(0, 12)} is already registered with other content: ${differences.join("; ")}`,
    { id, differences },
  );
}

export interface RegisterOutcome {
  isNew: boolean;
  version: DatasetVersionView;
}

/**
 * Registers a dataset version under the id its content hashes to. The same content again
 * answers the stored version (isNew false); other content under that id, or an id that is not
 * the content's, is a conflict that says what differs. Partitions already known by uri and
 * checksum are reused (and must agree on rows and bytes). OpenLineage edges that named this id
 * in a `version` facet before it was registered are linked to it now.
 */
export async function registerDatasetVersion(
  db: Database,
  input: RegisterDatasetVersionInput,
): Promise<RegisterOutcome> {
  const normalized = normalizeDatasetVersion(input);
  if (!normalized.ok) {
    const summary = normalized.errors.map((e) => `${e.field} ${e.message}`).join("; ");
    throw new AppError("INVALID_INPUT", summary, { issues: normalized.errors });
  }
  const content = normalized.value;
  const id = computeDatasetVersionId(toDatasetVersionContent(content));
  if (input.id && input.id !== id) {
    const claimed = await loadVersion(db, input.id);
    const differences = claimed ? diffDatasetVersions(toNormalized(toView(claimed)), content) : [];
    throw new AppError(
      "CONFLICT",
      `The id ${input.id} does not match the content, which hashes to ${id}` +
        (differences.length > 0
          ? `; against the version stored under it: ${differences.join("; ")}`
          : ""),
      { id: input.id, computedId: id, differences },
    );
  }
  const existing = await loadVersion(db, id);
  if (existing) return answerExisting(existing, content);
  try {
    await insertVersion(db, id, content);
  } catch (error) {
    // Two registrations of the same content at once: the loser reads the winner's row.
    if (classifyDatabaseError(error) !== "unique_violation") throw error;
    const winner = await loadVersion(db, id);
    if (!winner) throw error;
    return answerExisting(winner, content);
  }
  const created = await loadVersion(db, id);
  if (!created) throw new AppError("INTERNAL", `dataset version ${id} vanished after insert`);
  return { isNew: true, version: toView(created) };
}

function answerExisting(row: VersionRow, sent: NormalizedDatasetVersion): RegisterOutcome {
  const view = toView(row);
  const differences = diffDatasetVersions(toNormalized(view), sent);
  if (differences.length > 0) refuseDifferences(view.id, differences);
  return { isNew: false, version: view };
}

async function insertVersion(db: Database, id: string, content: NormalizedDatasetVersion) {
  await db.prisma.$transaction(async (tx) => {
    const known = await tx.rawPartition.findMany({
      where: { OR: content.partitions.map((p) => ({ uri: p.uri, checksum: p.checksum })) },
      select: { id: true, uri: true, checksum: true, rowCount: true, bytes: true },
    });
    const byKey = new Map(known.map((p) => [`${p.uri}\n${p.checksum}`, p]));
    const differences: string[] = [];
    const partitionIds: string[] = [];
    for (const partition of content.partitions) {
      const found = byKey.get(`${partition.uri}\n${partition.checksum}`);
      if (found) {
        for (const field of ["rowCount", "bytes"] as const) {
          const stored = toNumber(found[field]);
          const sent = partition[field];
          if (stored !== null && sent !== null && stored !== sent) {
            differences.push(`partition ${partition.uri} ${field}: stored ${stored}, sent ${sent}`);
          }
        }
        partitionIds.push(found.id);
        continue;
      }
      const created = await tx.rawPartition.create({
        data: {
          uri: partition.uri,
          checksum: partition.checksum,
          rowCount: partition.rowCount === null ? null : BigInt(partition.rowCount),
          bytes: partition.bytes === null ? null : BigInt(partition.bytes),
          partitionKey: partition.partitionKey,
        },
        select: { id: true },
      });
      partitionIds.push(created.id);
    }
    if (differences.length > 0) {
      throw new AppError(
        "CONFLICT",
        `Partitions are already registered otherwise: ${differences.join("; ")}`,
        {
          differences,
        },
      );
    }
    const dataset = await tx.dataset.upsert({
      where: { name: content.dataset },
      create: { name: content.dataset },
      update: {},
      select: { id: true },
    });
    const commit = content.commit
      ? await tx.codeCommit.upsert({
          where: { repo_sha: { repo: content.commit.repo, sha: content.commit.sha } },
          create: {
            repo: content.commit.repo,
            sha: content.commit.sha,
            message: content.commit.message,
            author: content.commit.author,
            committedAt: content.commit.committedAt ? new Date(content.commit.committedAt) : null,
          },
          update: {},
          select: { id: true },
        })
      : null;
    await tx.datasetVersion.create({
      data: {
        id,
        datasetId: dataset.id,
        commitId: commit?.id ?? null,
        params: content.params as object,
        rowCount: BigInt(content.rowCount),
        schema: content.schema as object,
        qualityChecks: content.qualityChecks as object[],
        sourceUri: content.sourceUri,
        partitions: { create: partitionIds.map((partitionId) => ({ partitionId })) },
      },
    });
    await tx.openLineageEdge.updateMany({
      where: { version: id, datasetVersionId: null },
      data: { datasetVersionId: id },
    });
  });
}

export async function getDatasetVersion(db: Database, id: string): Promise<DatasetVersionView> {
  const row = await loadVersion(db, id);
  if (!row) throw new AppError("NOT_FOUND", `No dataset version ${id}`);
  return toView(row);
}

export async function listDatasets(db: Database): Promise<DatasetSummary[]> {
  const rows = await db.prisma.dataset.findMany({
    orderBy: { name: "asc" },
    select: {
      name: true,
      description: true,
      _count: { select: { versions: true } },
      versions: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, rowCount: true, createdAt: true },
      },
    },
  });
  return rows.map((row) => {
    const latest = row.versions[0];
    return {
      name: row.name,
      description: row.description,
      versionCount: row._count.versions,
      latestVersion: latest
        ? {
            id: latest.id,
            rowCount: Number(latest.rowCount),
            createdAt: latest.createdAt.toISOString(),
          }
        : null,
    };
  });
}

/** A dataset's versions, newest first (at most `limit`). */
export async function listDatasetVersions(
  db: Database,
  name: string,
  limit: number,
): Promise<DatasetVersionSummary[]> {
  const dataset = await db.prisma.dataset.findUnique({
    where: { name },
    select: {
      versions: {
        orderBy: { createdAt: "desc" },
        take: limit,
        select: {
          id: true,
          rowCount: true,
          createdAt: true,
          commit: { select: { sha: true } },
          _count: { select: { partitions: true } },
        },
      },
    },
  });
  if (!dataset) throw new AppError("NOT_FOUND", `No dataset named ${name}`);
  return dataset.versions.map((v) => ({
    id: v.id,
    rowCount: Number(v.rowCount),
    createdAt: v.createdAt.toISOString(),
    partitionCount: v._count.partitions,
    commitSha: v.commit?.sha ?? null,
  }));
}
