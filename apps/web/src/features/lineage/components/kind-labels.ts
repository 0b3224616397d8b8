import type { EntityKind } from "@pedigree/domain";

export const KIND_LABELS: Record<EntityKind | "cluster", string> = {
  partition: "Raw partition",
  commit: "Commit",
  job: "OpenLineage job",
  datasetVersion: "Dataset version",
  run: "Run",
  modelVersion: "Model version",
  deployment: "Deployment",
  cluster: "Cluster",
};
