// Pedigree's domain: pure TypeScript, no I/O, no clock, no randomness (time and ids are
// parameters). Safe in the browser; Node-only computations are in ./server.ts.

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
