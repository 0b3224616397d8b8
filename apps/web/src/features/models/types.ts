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
