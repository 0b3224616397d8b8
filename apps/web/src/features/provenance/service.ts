import "server-only";
import type { Database } from "@pedigree/db";
import { AppError } from "../../server/errors.ts";
import type { ProvenanceView } from "./types.ts";

const CONTEXTS = {
  TRAINING: "training",
  VALIDATION: "validation",
  EVALUATION: "evaluation",
} as const;

/** One query: the version, its run with params and commit, its inputs with their partitions. */
function loadVersion(db: Database, name: string, version: number) {
  return db.prisma.modelVersion.findFirst({
    where: { version, model: { name } },
    select: {
      id: true,
      version: true,
      stage: true,
      model: { select: { name: true } },
      run: {
        select: {
          id: true,
          name: true,
          params: { select: { key: true, value: true }, orderBy: { key: "asc" } },
          commit: { select: { sha: true, repo: true, message: true, author: true } },
          inputs: {
            orderBy: [{ context: "asc" }, { datasetVersionId: "asc" }],
            select: {
              context: true,
              datasetVersion: {
                select: {
                  id: true,
                  rowCount: true,
                  dataset: { select: { name: true } },
                  partitions: {
                    select: {
                      partition: {
                        select: { uri: true, checksum: true, rowCount: true, partitionKey: true },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
}

export async function getProvenance(
  db: Database,
  name: string,
  version: number,
): Promise<ProvenanceView> {
  const row = await loadVersion(db, name, version);
  if (!row) throw new AppError("NOT_FOUND", `No version ${version} of a model named ${name}`);
  const run = row.run;
  const datasetVersions = (run?.inputs ?? []).map(({ context, datasetVersion }) => ({
    id: datasetVersion.id,
    name: datasetVersion.dataset.name,
    context: CONTEXTS[context],
    rowCount: Number(datasetVersion.rowCount),
    partitions: datasetVersion.partitions
      .map(({ partition }) => ({
        uri: partition.uri,
        checksum: partition.checksum,
        rowCount: partition.rowCount === null ? null : Number(partition.rowCount),
        partitionKey: partition.partitionKey,
      }))
      .sort((a, b) => a.uri.localeCompare(b.uri)),
  }));
  const missing: ProvenanceView["missing"] = [];
  if (!run) missing.push("run");
  if (!datasetVersions.some((d) => d.context === "training")) missing.push("datasetVersion");
  if (!run?.commit) missing.push("commit");
  return {
    modelVersion: { id: row.id, name: row.model.name, version: row.version, stage: row.stage },
    run: run ? { id: run.id, name: run.name } : null,
    datasetVersions,
    commit: run?.commit ?? null,
    params: Object.fromEntries((run?.params ?? []).map((p) => [p.key, p.value])),
    missing,
  };
}

/**
 * What each version of a model misses for the lineage gate, in one query (a version picker
 * marks them without loading every version's partitions).
 */
export async function listMissingLineage(
  db: Database,
  name: string,
): Promise<Map<number, ProvenanceView["missing"]>> {
  const rows = await db.sql.query<{
    version: number;
    has_run: boolean;
    has_training: boolean;
    has_commit: boolean;
  }>(
    `SELECT v.version, v."runId" IS NOT NULL AS has_run, r."commitId" IS NOT NULL AS has_commit,
       EXISTS (SELECT 1 FROM "RunInput" i WHERE i."runId" = v."runId" AND i.context = 'TRAINING')
         AS has_training
     FROM "ModelVersion" v JOIN "RegisteredModel" m ON m.id = v."modelId"
     LEFT JOIN "Run" r ON r.id = v."runId"
     WHERE m.name = $1`,
    [name],
  );
  return new Map(
    rows.map((row) => {
      const missing: ProvenanceView["missing"] = [];
      if (!row.has_run) missing.push("run");
      if (!row.has_training) missing.push("datasetVersion");
      if (!row.has_commit) missing.push("commit");
      return [row.version, missing];
    }),
  );
}
