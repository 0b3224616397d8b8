import type { Prisma } from "@pedigree/db";

/** Every column explicit: no database default (cuid(), now()) decides a demo value. */
type Row<T> = Required<T>;

/** One metric's curve of one run, column by column (the bulk of the demo; written with SQL). */
export interface MetricCurve {
  runId: string;
  key: string;
  steps: number[];
  /** Milliseconds since the epoch, as MLflow logs them. */
  timestamps: number[];
  /** May hold NaN or ±Infinity, as a diverged run logs them. */
  values: number[];
}

export interface DemoData {
  users: Row<Prisma.UserCreateManyInput>[];
  codeCommits: Row<Prisma.CodeCommitCreateManyInput>[];
  experiments: Row<Prisma.ExperimentCreateManyInput>[];
  experimentTags: Row<Prisma.ExperimentTagCreateManyInput>[];
  runs: Row<Prisma.RunCreateManyInput>[];
  params: Row<Prisma.ParamCreateManyInput>[];
  runTags: Row<Prisma.RunTagCreateManyInput>[];
  metricCurves: MetricCurve[];
  /**
   * The last point of each curve (highest step). `value` may be NaN: written with SQL. The
   * experiment is filled in by the database (a trigger copies the run's).
   */
  latestMetrics: Row<Omit<Prisma.LatestMetricCreateManyInput, "experimentId">>[];
  rawPartitions: Row<Prisma.RawPartitionCreateManyInput>[];
  datasets: Row<Prisma.DatasetCreateManyInput>[];
  datasetVersions: Row<Prisma.DatasetVersionCreateManyInput>[];
  datasetVersionPartitions: Row<Prisma.DatasetVersionPartitionCreateManyInput>[];
  runInputs: Row<Prisma.RunInputCreateManyInput>[];
  registeredModels: Row<Prisma.RegisteredModelCreateManyInput>[];
  registeredModelTags: Row<Prisma.RegisteredModelTagCreateManyInput>[];
  modelVersions: Row<Prisma.ModelVersionCreateManyInput>[];
  modelVersionTags: Row<Prisma.ModelVersionTagCreateManyInput>[];
  modelAliases: Row<Prisma.ModelAliasCreateManyInput>[];
  promotionRequests: Row<Prisma.PromotionRequestCreateManyInput>[];
  approvals: Row<Prisma.ApprovalCreateManyInput>[];
  stageTransitions: Row<Prisma.StageTransitionCreateManyInput>[];
  deployments: Row<Prisma.DeploymentCreateManyInput>[];
  featureProfiles: Row<Prisma.FeatureProfileCreateManyInput>[];
  driftReports: Row<Prisma.DriftReportCreateManyInput>[];
  /** Labelled-outcome metrics of the production windows (the model's primary metric). */
  windowMetrics: Row<Prisma.WindowMetricCreateManyInput>[];
  monitorRules: Row<Prisma.MonitorRuleCreateManyInput>[];
  retrainTriggers: Row<Prisma.RetrainTriggerCreateManyInput>[];
  /** In time order; the database numbers them. */
  auditEvents: Omit<Row<Prisma.AuditEventCreateManyInput>, "id">[];
}

/** Rows written per table (metric points counted one by one). */
export type DemoCounts = Record<string, number>;
