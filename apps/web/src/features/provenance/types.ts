/** "What data was this trained on": GET /api/v1/models/{name}/versions/{version}/provenance. */
export interface ProvenanceView {
  modelVersion: { id: string; name: string; version: number; stage: string };
  run: { id: string; name: string } | null;
  datasetVersions: {
    id: string;
    name: string;
    context: "training" | "validation" | "evaluation";
    rowCount: number;
    partitions: {
      uri: string;
      checksum: string;
      rowCount: number | null;
      partitionKey: string | null;
    }[];
  }[];
  commit: { sha: string; repo: string; message: string; author: string } | null;
  params: Record<string, string>;
  /** What the lineage gate would miss: nothing reaches production without these. */
  missing: ("run" | "datasetVersion" | "commit")[];
}
