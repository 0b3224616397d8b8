import type { GateResult, RegistryError, RegistryErrorCode } from "@pedigree/domain";
import { AppError, type AppErrorCode } from "../../server/errors.ts";

const CODE_BY_REASON: Record<RegistryErrorCode, AppErrorCode> = {
  SELF_APPROVAL: "FORBIDDEN",
  NOT_APPROVER: "FORBIDDEN",
  COMMENT_REQUIRED: "INVALID_INPUT",
  ALREADY_DECIDED: "CONFLICT",
  REQUEST_CLOSED: "CONFLICT",
  INVALID_TRANSITION: "CONFLICT",
  APPROVAL_MISSING: "CONFLICT",
  GATE_FAILED: "CONFLICT",
  STALE_REQUEST: "CONFLICT",
  NO_ROLLBACK_TARGET: "CONFLICT",
  INVALID_ALIAS: "INVALID_INPUT",
};

/** A domain refusal as the AppError the route wrapper answers with; `details.reason` names it. */
export function toAppError(error: RegistryError, gates?: readonly GateResult[]): AppError {
  const details: Record<string, unknown> = { reason: error.code };
  if (gates) details.gates = gates.filter((gate) => gate.outcome === "failed");
  return new AppError(CODE_BY_REASON[error.code], error.message, details);
}

/** Throws the refusal of a domain Result. */
export function throwRegistryError(error: RegistryError): never {
  throw toAppError(error);
}
