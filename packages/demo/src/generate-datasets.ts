import { computeDatasetVersionId } from "@pedigree/domain/server";
import type { ModelSpec } from "./catalog.ts";
import type { DemoContext } from "./demo-context.ts";
import type { DemoData } from "./demo-data.ts";
import { type Commit, findCommitBefore } from "./generate-code.ts";
import { formatDay } from "./time.ts";

type DatasetVersion = DemoData["datasetVersions"][number];

/** The span of raw partitions each model has, in days before the anchor (240 ... 1). */
const PARTITION_DAYS = 240;

/**
 * The data eras of the story: the days a training set was built from (oldest first) and when.
 * The last 20% of the days (at least one) form the validation set: a time-based split. A version
 * is built once its last partition has landed (early the morning after that day).
 */
const ERAS = [
  { key: "first", fromDaysAgo: 240, toDaysAgo: 211, builtDaysAgo: 209.8 },
  { key: "rolledBack", fromDaysAgo: 158, toDaysAgo: 129, builtDaysAgo: 127.8 },
  { key: "production", fromDaysAgo: 96, toDaysAgo: 67, builtDaysAgo: 65.8 },
  { key: "candidate", fromDaysAgo: 7, toDaysAgo: 5, builtDaysAgo: 3.8 },
  { key: "draft", fromDaysAgo: 6, toDaysAgo: 3, builtDaysAgo: 1.8 },
] as const;
export type EraKey = (typeof ERAS)[number]["key"];

export interface Era {
  key: EraKey;
  training: DatasetVersion;
  validation: DatasetVersion;
  /** The days (before the anchor) of the training partitions: where its baseline comes from. */
  trainingDays: number[];
  builtAt: Date;
}

interface ModelDatasets {
  rows: Pick<
    DemoData,
    "rawPartitions" | "datasets" | "datasetVersions" | "datasetVersionPartitions"
  >;
  eras: Map<EraKey, Era>;
}

const ROWS_PER_DAY: Record<string, number> = {
  fraud: 1_200_000,
  churn: 180_000,
  ranking: 3_500_000,
};
const LABELS: Record<string, string> = { fraud: "is_fraud", churn: "churned", ranking: "clicked" };

/** A model's raw daily partitions, its training and validation datasets and their versions. */
export function generateDatasets(
  context: DemoContext,
  model: ModelSpec,
  featureCommits: readonly Commit[],
): ModelDatasets {
  const random = context.random.fork(`datasets:${model.slug}`);
  const perDay = ROWS_PER_DAY[model.slug] ?? 100_000;
  const partitions = new Map<number, DemoData["rawPartitions"][number]>();
  for (let daysAgo = PARTITION_DAYS; daysAgo >= 1; daysAgo--) {
    const day = formatDay(context.at(daysAgo));
    const weekday = context.at(daysAgo).getUTCDay();
    const rowCount = Math.round(perDay * (weekday % 6 === 0 ? 0.8 : 1) * random.gaussian(1, 0.04));
    // Fraud's day 140 held replayed events; it was found after the rollback of version 2.
    const isFlagged = model.slug === "fraud" && daysAgo === 140;
    partitions.set(daysAgo, {
      id: random.id(),
      uri: `s3://pedigree-demo/${model.slug}/events/dt=${day}/`,
      checksum: random.hex(64),
      rowCount: BigInt(rowCount),
      bytes: BigInt(Math.round(rowCount * random.between(150, 170))),
      partitionKey: `dt=${day}`,
      // A day's partition lands early the next morning.
      createdAt: context.at(daysAgo - 1, random.between(1, 3)),
      flaggedAt: isFlagged ? context.at(117, 10) : null,
      flagReason: isFlagged ? "Duplicated events from a replayed Kafka topic (INC-2291)" : null,
    });
  }
  const datasets = (["training", "validation"] as const).map((split) => ({
    id: random.id(),
    name: `${model.slug}-${split}`,
    description: `${split === "training" ? "Training" : "Validation"} data of ${model.name}, built daily from s3://pedigree-demo/${model.slug}/events/.`,
    createdAt: context.at(PARTITION_DAYS - 30),
  }));
  const rows: ModelDatasets["rows"] = {
    rawPartitions: [...partitions.values()],
    datasets,
    datasetVersions: [],
    datasetVersionPartitions: [],
  };
  const schema = [
    { name: "event_time", type: "timestamp" },
    ...model.features.map((feature) => ({ name: feature.name, type: feature.schemaType })),
    { name: LABELS[model.slug] ?? "label", type: "int" },
  ];
  const eras = new Map<EraKey, Era>();
  for (const era of ERAS) {
    if (era.key === "draft" && model.draftFlaw !== "failed_quality") continue;
    const days: number[] = [];
    for (let d = era.fromDaysAgo; d >= era.toDaysAgo; d--) days.push(d);
    const trainingCount = Math.max(1, Math.floor(days.length * 0.8));
    const builtAt = context.at(era.builtDaysAgo);
    const commit = findCommitBefore(featureCommits, builtAt);
    const build = (split: "training" | "validation", splitDays: number[]) => {
      const parts = splitDays.map((d) => partitions.get(d) as DemoData["rawPartitions"][number]);
      const params = {
        split,
        start: formatDay(context.at(splitDays[0] as number)),
        end: formatDay(context.at(splitDays.at(-1) as number)),
        days: splitDays.length,
        labelDelayDays: model.slug === "fraud" ? 30 : 3,
        dedupe: true,
      };
      const id = computeDatasetVersionId({
        partitionChecksums: parts.map((p) => p.checksum),
        commitSha: commit.sha,
        params,
      });
      const rowCount = parts.reduce((sum, p) => sum + (p.rowCount as bigint), 0n);
      const hasBadNulls = era.key === "draft";
      const version: DatasetVersion = {
        id,
        datasetId: (datasets[split === "training" ? 0 : 1] as { id: string }).id,
        commitId: commit.id,
        params,
        rowCount,
        schema,
        qualityChecks: [
          { name: "row_count_min", passed: true, details: `${rowCount} rows >= 100000` },
          {
            name: "null_share_max",
            passed: !hasBadNulls,
            details: hasBadNulls
              ? "total_charges is null in 12.4% of rows (max 5%)"
              : `largest null share ${random.between(0.5, 3).toFixed(1)}% (max 5%)`,
          },
          { name: "schema_matches_contract", passed: true, details: `${schema.length} columns` },
          { name: "label_present", passed: true, details: `${LABELS[model.slug]} has no nulls` },
        ],
        sourceUri: `s3://pedigree-demo/${model.slug}/datasets/${split}/${id.slice(0, 12)}/`,
        createdAt: builtAt,
      };
      rows.datasetVersions.push(version);
      for (const part of parts) {
        rows.datasetVersionPartitions.push({
          datasetVersionId: id,
          partitionId: part.id as string,
        });
      }
      return version;
    };
    eras.set(era.key, {
      key: era.key,
      training: build("training", days.slice(0, trainingCount)),
      validation: build("validation", days.slice(trainingCount)),
      trainingDays: days.slice(0, trainingCount),
      builtAt,
    });
  }
  return { rows, eras };
}
