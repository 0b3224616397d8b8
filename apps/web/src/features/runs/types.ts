export type RunViewType = "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";

export interface RunSearchInput {
  experimentIds: readonly string[];
  /** MLflow's filter grammar, e.g. ``metrics.rmse < 1 AND params.`model class` = 'lr'``. */
  filter?: string | undefined;
  /** MLflow order_by items, e.g. `["metrics.rmse DESC", "params.lr"]`. */
  orderBy?: readonly string[] | undefined;
  /** Default 1000, at most 50,000 (MLflow's limits). */
  maxResults?: number | undefined;
  /** The `nextPageToken` of the previous page of the same search. */
  pageToken?: string | undefined;
  /** Default ACTIVE_ONLY. */
  viewType?: RunViewType | undefined;
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface LatestMetricValue {
  key: string;
  value: number;
  step: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
}

export interface RunInputRef {
  datasetVersionId: string;
  datasetName: string;
  /** MLflow's lower-case context: training, validation or evaluation. */
  context: string;
}

export interface RunRecord {
  id: string;
  experimentId: string;
  name: string;
  status: "RUNNING" | "SCHEDULED" | "FINISHED" | "FAILED" | "KILLED";
  startTime: Date;
  endTime: Date | null;
  userName: string;
  artifactUri: string;
  lifecycleStage: "ACTIVE" | "DELETED";
  /** Sorted by key. */
  params: KeyValue[];
  tags: KeyValue[];
  metrics: LatestMetricValue[];
  inputs: RunInputRef[];
}

export interface RunSearchPage {
  runs: RunRecord[];
  /** Null on the last page. */
  nextPageToken: string | null;
}

/** A run as the JSON API and the pages' client components see it: times are ISO strings. */
export type RunJson = Omit<RunRecord, "startTime" | "endTime"> & {
  startTime: string;
  endTime: string | null;
};

export function toRunJson(run: RunRecord): RunJson {
  return {
    ...run,
    startTime: run.startTime.toISOString(),
    endTime: run.endTime?.toISOString() ?? null,
  };
}
