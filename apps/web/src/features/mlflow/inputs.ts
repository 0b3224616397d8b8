// Datasets logged through runs/log-inputs become our DatasetVersion rows, so that provenance
// ("what was this version trained on") works for MLflow users too. The mapping (docs/MLFLOW.md):
//   dataset.name                -> Dataset.name (one Dataset per name)
//   name, digest, source_type,
//   source, schema, profile     -> DatasetVersion.params.mlflow (verbatim, echoed back by runs/get);
//                                  id = computeDatasetVersionId of those params (same dataset
//                                  logged twice = same version)
//   schema (JSON)               -> DatasetVersion.schema (parsed)
//   profile.num_rows            -> DatasetVersion.rowCount (0 when absent)
//   source's uri/url/path       -> DatasetVersion.sourceUri
//   tag mlflow.data.context     -> RunInput.context (train* TRAINING, valid*/val VALIDATION,
//                                  anything else EVALUATION; absent TRAINING)
import "server-only";
import type { Database, InputContext, Prisma } from "@pedigree/db";
import { computeDatasetVersionId } from "@pedigree/domain/server";
import { invalidParameter } from "./errors.ts";

export const CONTEXT_TAG = "mlflow.data.context";

/** MLflow's Dataset, as sent to runs/log-inputs and kept verbatim in params.mlflow. */
interface MlflowDatasetParams {
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface DatasetInput {
  tags: { key: string; value: string }[];
  dataset: MlflowDatasetParams;
}

const LIMITS = { name: 500, digest: 36, source: 65_535, schema: 1_048_575, profile: 16_777_215 };

export function readContext(value: string | undefined): InputContext {
  const context = (value ?? "").trim().toLowerCase();
  if (context === "" || context.startsWith("train")) return "TRAINING";
  if (context === "val" || context.startsWith("valid")) return "VALIDATION";
  return "EVALUATION";
}

const CONTEXT_NAMES: Record<InputContext, string> = {
  TRAINING: "training",
  VALIDATION: "validation",
  EVALUATION: "eval",
};

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readSourceUri(source: string): string | null {
  const parsed = parseJson(source);
  if (typeof parsed !== "object" || parsed === null) return null;
  const fields = parsed as Record<string, unknown>;
  for (const name of ["uri", "url", "path", "table_name"]) {
    if (typeof fields[name] === "string") return fields[name];
  }
  return null;
}

function readRowCount(profile: string | undefined): bigint {
  const parsed = parseJson(profile) as { num_rows?: unknown } | undefined;
  const rows = parsed?.num_rows;
  return typeof rows === "number" && Number.isInteger(rows) && rows >= 0 ? BigInt(rows) : 0n;
}

function checkDataset(input: DatasetInput): void {
  const { dataset } = input;
  for (const field of ["name", "digest", "source"] as const) {
    if (dataset[field].length > LIMITS[field]) {
      throw invalidParameter(`Dataset ${field} exceeds the maximum length of ${LIMITS[field]}`);
    }
  }
  if ((dataset.schema?.length ?? 0) > LIMITS.schema) {
    throw invalidParameter(`Dataset schema exceeds the maximum length of ${LIMITS.schema}`);
  }
  if ((dataset.profile?.length ?? 0) > LIMITS.profile) {
    throw invalidParameter(`Dataset profile exceeds the maximum length of ${LIMITS.profile}`);
  }
  for (const tag of input.tags) {
    if (tag.key.length > 255 || tag.value.length > 500) {
      throw invalidParameter("Input tag keys are limited to 255 and values to 500 characters");
    }
  }
}

export async function logInputs(
  db: Database,
  runId: string,
  inputs: readonly DatasetInput[],
): Promise<void> {
  inputs.forEach(checkDataset);
  for (const input of inputs) {
    const { dataset } = input;
    const params: MlflowDatasetParams = {
      name: dataset.name,
      digest: dataset.digest,
      source_type: dataset.source_type,
      source: dataset.source,
      ...(dataset.schema !== undefined ? { schema: dataset.schema } : {}),
      ...(dataset.profile !== undefined ? { profile: dataset.profile } : {}),
    };
    const versionId = computeDatasetVersionId({
      partitionChecksums: [],
      commitSha: null,
      params: { mlflow: { ...params } },
    });
    const context = readContext(input.tags.find((tag) => tag.key === CONTEXT_TAG)?.value);
    const row = await db.prisma.dataset.upsert({
      where: { name: dataset.name },
      create: { name: dataset.name },
      update: {},
      select: { id: true },
    });
    // Versions are immutable: an existing one is the same content, so it is left as it is.
    await db.prisma.datasetVersion.createMany({
      data: [
        {
          id: versionId,
          datasetId: row.id,
          params: { mlflow: { ...params } } as Prisma.InputJsonValue,
          rowCount: readRowCount(dataset.profile),
          schema: (parseJson(dataset.schema) ?? []) as Prisma.InputJsonValue,
          sourceUri: readSourceUri(dataset.source),
        },
      ],
      skipDuplicates: true,
    });
    await db.prisma.runInput.createMany({
      data: [{ runId, datasetVersionId: versionId, context }],
      skipDuplicates: true,
    });
  }
}

/** The columns of a dataset version that toDatasetInputJson reads. */
export const datasetVersionSelect = {
  id: true,
  params: true,
  rowCount: true,
  sourceUri: true,
  dataset: { select: { name: true } },
} as const satisfies Prisma.DatasetVersionSelect;

interface InputRow {
  context: InputContext;
  datasetVersion: Prisma.DatasetVersionGetPayload<{ select: typeof datasetVersionSelect }>;
}

/** A run input as MLflow's DatasetInput; versions built by our pipelines are described too. */
export function toDatasetInputJson(row: InputRow) {
  const version = row.datasetVersion;
  const stored = (version.params as { mlflow?: MlflowDatasetParams } | null)?.mlflow;
  const dataset = stored ?? {
    name: version.dataset.name,
    digest: version.id.slice(0, 36),
    source_type: "pedigree",
    source: JSON.stringify({ uri: version.sourceUri ?? `pedigree:dataset-version/${version.id}` }),
    profile: JSON.stringify({ num_rows: Number(version.rowCount) }),
  };
  return {
    tags: [{ key: CONTEXT_TAG, value: CONTEXT_NAMES[row.context] }],
    dataset: { ...dataset, name: version.dataset.name },
  };
}
