// Pedigree's domain: pure TypeScript, no I/O, no clock, no randomness (time and ids are
// parameters). Safe in the browser; Node-only computations are in ./server.ts.

export {
  binSample,
  type SampleValue,
} from "./drift/bin-sample.ts";
export {
  buildCategoricalProfile,
  buildCategoricalProfileOn,
  type CategoricalOptions,
  type CategoricalValue,
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
  type FeatureProfile,
  type FeatureType,
  MAX_CATEGORIES,
  NUMERIC_BIN_COUNT,
  OTHER_CATEGORY,
  type ProfileStats,
  type Quantiles,
} from "./drift/feature-profile.ts";
export {
  buildNumericProfile,
  computeDecileEdges,
  findNumericBin,
  isMissingNumber,
  type NumericValue,
} from "./drift/numeric-profile.ts";
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
export { type JsonValue, serializeCanonicalJson } from "./lineage/canonical-json.ts";
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
export { computeNextAttempt, MAX_DELIVERY_ATTEMPTS } from "./webhooks/backoff.ts";
