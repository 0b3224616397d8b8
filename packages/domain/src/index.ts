// Pedigree's domain: pure TypeScript, no I/O, no clock, no randomness (time and ids are
// parameters). Safe in the browser; Node-only computations are in ./server.ts.

export {
  DEFAULT_SIGN_IN_THROTTLE,
  decideSignInThrottle,
  type SignInThrottle,
  type SignInThrottlePolicy,
} from "./credentials/sign-in-throttle.ts";
export {
  binSample,
  type SampleValue,
} from "./drift/bin-sample.ts";
export {
  buildCategoricalProfile,
  buildCategoricalProfileOn,
  type CategoricalOptions,
  type CategoricalValue,
  profileCategoryCounts,
} from "./drift/categorical-profile.ts";
export {
  type AlignedCounts,
  alignProfiles,
  compareProfiles,
  type DriftError,
  type FeatureDrift,
} from "./drift/compare-profiles.ts";
export {
  compareSamples,
  type DriftBin,
  type DriftCompareInput,
  type DriftComparison,
} from "./drift/compare-samples.ts";
export {
  buildDriftReport,
  DEFAULT_MIN_ROWS,
  type DriftReportContent,
  type DriftReportOptions,
  type FeaturePair,
} from "./drift/drift-report.ts";
export {
  DEFAULT_QUANTILE_CAP,
  ExactQuantiles,
  type ExactQuantilesOptions,
} from "./drift/exact-quantiles.ts";
export {
  type FeatureProfile,
  type FeatureType,
  MAX_CATEGORIES,
  NUMERIC_BIN_COUNT,
  OTHER_CATEGORY,
  type ProfileStats,
  type Quantiles,
} from "./drift/feature-profile.ts";
export {
  checkBaseline,
  checkProfile,
  matchWindow,
  type NamedProfile,
  type ProfileError,
} from "./drift/match-window.ts";
export {
  buildNumericProfile,
  computeDecileEdges,
  findNumericBin,
  isMissingNumber,
  type NumericValue,
} from "./drift/numeric-profile.ts";
export {
  CategoricalAccumulator,
  NumericAccumulator,
  PROFILE_PROBABILITIES,
  ReferenceAccumulator,
  STREAM_CATEGORY_LIMIT,
  splitProfileQuantiles,
} from "./drift/profile-accumulator.ts";
export { type ProfileJson, readProfileJson } from "./drift/profile-json.ts";
export { computeQuantile } from "./drift/quantile.ts";
export {
  computeJsDistance,
  computeKlDivergence,
  computePsi,
  computeShares,
  SHARE_EPSILON,
} from "./drift/scores.ts";
export {
  classifySeverity,
  computeDriftedShare,
  DEFAULT_SEVERITY_THRESHOLDS,
  findWorstSeverity,
  type Severity,
  type SeverityThresholds,
} from "./drift/severity.ts";
export {
  decideIdempotency,
  IDEMPOTENCY_KEY_TTL_MS,
  IDEMPOTENCY_LEASE_MS,
  type IdempotencyDecision,
  type IdempotencyRecord,
  isReclaimable,
  isValidIdempotencyKey,
} from "./idempotency.ts";
export { type JsonValue, serializeCanonicalJson } from "./lineage/canonical-json.ts";
export { type ChecksumKind, readChecksumKind } from "./lineage/checksum.ts";
export { diffDatasetVersions } from "./lineage/dataset-version-diff.ts";
export {
  type CommitInput,
  type DatasetVersionInput,
  type NormalizedDatasetVersion,
  type NormalizedPartition,
  normalizeDatasetVersion,
  type PartitionInput,
  type QualityCheck,
  type RegistrationError,
  toDatasetVersionContent,
} from "./lineage/dataset-version-registration.ts";
export {
  buildDvcDatasetVersion,
  type DvcEntry,
  type DvcImportOptions,
  type DvcStage,
  parseDvcFile,
  parseDvcLock,
} from "./lineage/dvc.ts";
export {
  buildLineageGraph,
  CLUSTER_PAGE_SIZE,
  CLUSTER_THRESHOLD,
  type FanOutGroup,
  type LineageGraphError,
  type LineageGraphInput,
  MAX_GRAPH_NODES,
} from "./lineage/graph/build-lineage-graph.ts";
export { countKind, formatClusterLabel } from "./lineage/graph/cluster-label.ts";
export {
  formatClusterId,
  formatEdge,
  formatNodeId,
  parseClusterId,
  parseNodeId,
} from "./lineage/graph/node-id.ts";
export {
  type ClusterNode,
  type Direction,
  ENTITY_KINDS,
  type EntityKind,
  type EntityNode,
  type GraphEdge,
  type GraphNode,
  type LineageGraph,
  type NodeId,
} from "./lineage/graph/types.ts";
export { formatImpactCsv, IMPACT_ROW_CAP, type ImpactReport } from "./lineage/impact.ts";
export { isLakefsUri, type LakefsUri, parseLakefsUri } from "./lineage/lakefs-uri.ts";
export type { ReproduceManifest } from "./lineage/manifest.ts";
export {
  type DatasetRef,
  type Facets,
  type LineageEventParsed,
  parseEventTime,
  parseLineageEvent,
  RUN_STATES,
  type RunState,
} from "./lineage/openlineage-event.ts";
export {
  type MergedRun,
  mergeFacets,
  mergeRunEvents,
  readDatasetVersionFacet,
  readModelVersionFacet,
  readSourceCodeCommit,
  toDatasetLocation,
} from "./lineage/openlineage-merge.ts";
export {
  type AirflowDagRunBody,
  buildAirflowDagRunBody,
  buildAirflowDagRunUrl,
  buildDagRunId,
  buildRetrainWebhookData,
  isDeliveredStatus,
  type TriggerSummary,
} from "./monitoring/requests.ts";
export {
  DEFAULT_RULE_THRESHOLDS,
  describeRule,
  evaluateRule,
  type FeatureReading,
  type MonitorRuleKind,
  type MonitorRuleSpec,
  type Observation,
  toPoints,
  validateRule,
  type WindowReading,
} from "./monitoring/rules.ts";
export {
  type ActionInput,
  type Breach,
  type BreachDecision,
  buildBreach,
  chooseAction,
  DEFAULT_ROLLBACK_WINDOW_DAYS,
  decideBreach,
  isResolvedBy,
  MAX_OBSERVATIONS,
  type RetrainAction,
  type RetrainTriggerStatus,
  readEvidence,
  toWindowKey,
} from "./monitoring/triggers.ts";
export { validateAliasName } from "./registry/alias.ts";
export {
  type Approval,
  type ApprovalDecision,
  countApprovals,
  decidePromotionRequest,
  hasEnoughApprovals,
  type PromotionRequestState,
  type PromotionRequestStatus,
} from "./registry/approvals.ts";
export { type ExecutionInput, planExecution, type StageChange } from "./registry/execution.ts";
export {
  type CandidateFacts,
  computeImprovement,
  evaluateGates,
  findBlockingGates,
  GATES,
  type Gate,
  type GateInput,
  type GateOutcome,
  type GateResult,
} from "./registry/gates.ts";
export {
  findProductionAt,
  findRollbackTarget,
  type StageTransitionRecord,
} from "./registry/history.ts";
export {
  DEFAULT_POLICY,
  type MetricDirection,
  type PromotionPolicy,
  resolvePolicy,
} from "./registry/policy.ts";
export type { RegistryError, RegistryErrorCode } from "./registry/registry-error.ts";
export { canTransition, STAGES, type Stage, type TargetStage } from "./registry/stage.ts";
export { err, ok, type Result } from "./result.ts";
export { hasRole, ROLES, type Role } from "./roles.ts";
export {
  type BucketPlan,
  downsampleSeries,
  findBucketStart,
  MAX_BUCKETS,
  METRIC_BLOCK_STEPS,
  planBuckets,
  type SeriesBucket,
  type SeriesPoint,
  traceBuckets,
} from "./tracking/downsample.ts";
export {
  type FilterClause,
  type FilterEntity,
  type FilterOperator,
  type FilterValue,
  type Identifier,
  parseFilter,
} from "./tracking/filter.ts";
export type { FilterSyntaxError } from "./tracking/filter-tokens.ts";
export {
  buildMetricChunks,
  findLatestPoints,
  type LoggedPoint,
  type MetricChunk,
  metricBlock,
} from "./tracking/metric-chunks.ts";
export {
  type ListOperator,
  NUMERIC_RUN_ATTRIBUTES,
  type NumericOperator,
  type NumericRunAttribute,
  parseRunFilter,
  RUN_DATASET_KEYS,
  type RunAttribute,
  type RunDatasetKey,
  type RunFilterClause,
  resolveRunAttribute,
  STRING_RUN_ATTRIBUTES,
  type StringOperator,
  type StringRunAttribute,
} from "./tracking/run-filter.ts";
export { parseRunOrderBy, type RunOrderKey, type SortDirection } from "./tracking/run-order.ts";
export { computeNextAttempt, MAX_DELIVERY_ATTEMPTS } from "./webhooks/backoff.ts";
