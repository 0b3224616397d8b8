import type { JsonValue } from "./canonical-json.ts";

/**
 * The recipe to rebuild a model version: GET /api/v1/models/{name}/versions/{version}/manifest,
 * checked by `pedigree manifest verify`.
 */
export interface ReproduceManifest {
  manifestVersion: 1;
  model: { name: string; version: number };
  /** The training run's commit. */
  commit: { repo: string; sha: string; message: string } | null;
  datasetVersions: {
    id: string;
    name: string;
    context: string;
    rowCount: number;
    /** The commit and params that built it: with the checksums they give its id back. */
    commit: { repo: string; sha: string } | null;
    params: { [key: string]: JsonValue | undefined };
    sourceUri: string | null;
    partitions: {
      uri: string;
      checksum: string;
      rowCount: number | null;
      bytes: number | null;
    }[];
    /** `dvc pull` from this repository at this revision brings back these paths. */
    dvc: { repo: string | null; rev: string | null; stage: string | null; paths: string[] } | null;
    /** lakeFS partitions, by repository and commit. */
    lakefs: { repository: string; commit: string; paths: string[] }[];
  }[];
  params: Record<string, string>;
  run: { id: string; name: string; command: string | null; entryPoint: string | null } | null;
  generatedAt: string;
}
