/** GET /api/v1/models/{name}/compare?a=&b=: what changed from version a to version b. */
export interface VersionComparison {
  model: string;
  a: ComparedVersion;
  b: ComparedVersion;
  params: ValueChange<string>[];
  metrics: (ValueChange<number> & { delta: number | null })[];
  datasets: DatasetChange[];
  commit: { a: CommitRef | null; b: CommitRef | null; isSame: boolean };
}

export interface ComparedVersion {
  version: number;
  stage: string;
  runId: string | null;
}

export interface ValueChange<T> {
  key: string;
  a: T | null;
  b: T | null;
  isChanged: boolean;
}

export interface CommitRef {
  sha: string;
  repo: string;
  message: string;
}

export interface PartitionRef {
  uri: string;
  checksum: string;
  partitionKey: string | null;
}

/** One dataset (by name and context) on either side, and which partitions came and went. */
export interface DatasetChange {
  name: string;
  context: string;
  a: { id: string; rowCount: number; partitionCount: number } | null;
  b: { id: string; rowCount: number; partitionCount: number } | null;
  isSameVersion: boolean;
  added: PartitionRef[];
  removed: PartitionRef[];
}
