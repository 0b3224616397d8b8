import "server-only";
import type { Database } from "@pedigree/db";
import { type JsonValue, parseLakefsUri, type ReproduceManifest } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";

/** MLflow's tags for what ran: the script or notebook, and the MLproject entry point. */
const SOURCE_NAME_TAG = "mlflow.source.name";
const ENTRY_POINT_TAG = "mlflow.project.entryPoint";

const CONTEXTS = {
  TRAINING: "training",
  VALIDATION: "validation",
  EVALUATION: "evaluation",
} as const;

function loadVersion(db: Database, name: string, version: number) {
  return db.prisma.modelVersion.findFirst({
    where: { version, model: { name } },
    select: {
      version: true,
      model: { select: { name: true } },
      run: {
        select: {
          id: true,
          name: true,
          commit: { select: { repo: true, sha: true, message: true } },
          params: { select: { key: true, value: true }, orderBy: { key: "asc" } },
          tags: {
            where: { key: { in: [SOURCE_NAME_TAG, ENTRY_POINT_TAG] } },
            select: { key: true, value: true },
          },
          inputs: {
            orderBy: [{ context: "asc" }, { datasetVersionId: "asc" }],
            select: {
              context: true,
              datasetVersion: {
                select: {
                  id: true,
                  rowCount: true,
                  params: true,
                  sourceUri: true,
                  dataset: { select: { name: true } },
                  commit: { select: { repo: true, sha: true } },
                  partitions: {
                    select: {
                      partition: {
                        select: { uri: true, checksum: true, rowCount: true, bytes: true },
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

type Partition = ReproduceManifest["datasetVersions"][number]["partitions"][number];

/** lakeFS partitions grouped by repository and commit: one `lakectl` checkout each. */
function readLakefsRefs(partitions: Partition[]) {
  const refs = new Map<string, { repository: string; commit: string; paths: string[] }>();
  for (const partition of partitions) {
    const uri = parseLakefsUri(partition.uri);
    if (!uri?.commit) continue;
    const key = `${uri.repository}@${uri.commit}`;
    const ref = refs.get(key) ?? { repository: uri.repository, commit: uri.commit, paths: [] };
    ref.paths.push(uri.path);
    refs.set(key, ref);
  }
  return [...refs.values()];
}

/** A DVC import (`pedigree dataset import-dvc`) keeps the stage under params.dvc. */
function readDvcRef(
  params: Record<string, JsonValue>,
  commit: { repo: string; sha: string } | null,
  partitions: Partition[],
) {
  const dvc = params.dvc;
  if (typeof dvc !== "object" || dvc === null || Array.isArray(dvc)) return null;
  const stage = (dvc as { stage?: unknown }).stage;
  return {
    repo: commit?.repo ?? null,
    rev: commit?.sha ?? null,
    stage: typeof stage === "string" ? stage : null,
    paths: partitions.map((p) => p.uri),
  };
}

const toNumber = (value: bigint | null) => (value === null ? null : Number(value));

/**
 * The recipe to rebuild a model version: the commit to check out, each dataset version with its
 * partitions and checksums (and the DVC or lakeFS reference to pull), the params, the command.
 */
export async function getManifest(
  db: Database,
  name: string,
  version: number,
  now: Date,
): Promise<ReproduceManifest> {
  const row = await loadVersion(db, name, version);
  if (!row) throw new AppError("NOT_FOUND", `No version ${version} of a model named ${name}`);
  const run = row.run;
  const tags = new Map((run?.tags ?? []).map((t) => [t.key, t.value]));
  return {
    manifestVersion: 1,
    model: { name: row.model.name, version: row.version },
    commit: run?.commit ?? null,
    datasetVersions: (run?.inputs ?? []).map(({ context, datasetVersion: dv }) => {
      const partitions = dv.partitions
        .map(({ partition }) => ({
          uri: partition.uri,
          checksum: partition.checksum,
          rowCount: toNumber(partition.rowCount),
          bytes: toNumber(partition.bytes),
        }))
        .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
      const params = dv.params as Record<string, JsonValue>;
      return {
        id: dv.id,
        name: dv.dataset.name,
        context: CONTEXTS[context],
        rowCount: Number(dv.rowCount),
        commit: dv.commit,
        params,
        sourceUri: dv.sourceUri,
        partitions,
        dvc: readDvcRef(params, dv.commit, partitions),
        lakefs: readLakefsRefs(partitions),
      };
    }),
    params: Object.fromEntries((run?.params ?? []).map((p) => [p.key, p.value])),
    run: run
      ? {
          id: run.id,
          name: run.name,
          command: tags.get(SOURCE_NAME_TAG) ?? null,
          entryPoint: tags.get(ENTRY_POINT_TAG) ?? null,
        }
      : null,
    generatedAt: now.toISOString(),
  };
}
