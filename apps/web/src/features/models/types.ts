/** One registered model in the list (GET /api/v1/models). */
export interface ModelSummary {
  name: string;
  description: string;
  productionVersion: number | null;
  stagingVersion: number | null;
  latestVersion: number | null;
  /** Promotion and rollback requests waiting for a decision. */
  openRequests: number;
  /** Last activity, ISO: the latest of the model's update and its versions' creation or stage change. */
  updatedAt: string;
}

/** A page of the home page's list: `total` counts every model matching the query. */
export interface ModelPage {
  models: ModelSummary[];
  total: number;
  /** 1-based. */
  page: number;
  pageSize: number;
}
