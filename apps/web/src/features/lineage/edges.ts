import type { EntityKind } from "@pedigree/domain";

/**
 * Every lineage edge is a pair of id columns in one table: `upColumn` holds the upstream entity's
 * id, `downColumn` the downstream one's. Each column is indexed (the primary key, a foreign-key
 * index, or migration 20261126070000), so each hop of the recursive walk is an index scan.
 */
export interface EdgeSpec {
  up: EntityKind;
  down: EntityKind;
  table: string;
  upColumn: string;
  downColumn: string;
  /** A condition on the edge row `e`, when the table holds more than this edge. */
  where?: string;
}

export const EDGE_SPECS: readonly EdgeSpec[] = [
  {
    up: "partition",
    down: "datasetVersion",
    table: "DatasetVersionPartition",
    upColumn: "partitionId",
    downColumn: "datasetVersionId",
  },
  {
    up: "commit",
    down: "datasetVersion",
    table: "DatasetVersion",
    upColumn: "commitId",
    downColumn: "id",
  },
  {
    up: "datasetVersion",
    down: "run",
    table: "RunInput",
    upColumn: "datasetVersionId",
    downColumn: "runId",
  },
  { up: "commit", down: "run", table: "Run", upColumn: "commitId", downColumn: "id" },
  { up: "run", down: "modelVersion", table: "ModelVersion", upColumn: "runId", downColumn: "id" },
  {
    up: "modelVersion",
    down: "deployment",
    table: "Deployment",
    upColumn: "versionId",
    downColumn: "id",
  },
  // OpenLineage (docs/LINEAGE.md): a job's commit, the dataset versions it read, the model
  // versions it wrote.
  { up: "commit", down: "job", table: "OpenLineageJob", upColumn: "commitId", downColumn: "id" },
  {
    up: "datasetVersion",
    down: "job",
    table: "OpenLineageEdge",
    upColumn: "datasetVersionId",
    downColumn: "jobId",
    where: `e."direction" = 'INPUT'`,
  },
  {
    up: "job",
    down: "modelVersion",
    table: "OpenLineageEdge",
    upColumn: "jobId",
    downColumn: "modelVersionId",
    where: `e."direction" = 'OUTPUT'`,
  },
];
