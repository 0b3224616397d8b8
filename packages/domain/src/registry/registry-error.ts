/** Expected refusals of the registry: values, not exceptions; the route maps each to a status. */
export type RegistryErrorCode =
  | "SELF_APPROVAL"
  | "NOT_APPROVER"
  | "ALREADY_DECIDED"
  | "REQUEST_CLOSED"
  | "COMMENT_REQUIRED"
  | "INVALID_TRANSITION"
  | "APPROVAL_MISSING"
  | "GATE_FAILED"
  | "STALE_REQUEST"
  | "NO_ROLLBACK_TARGET"
  | "INVALID_ALIAS";

export interface RegistryError {
  code: RegistryErrorCode;
  message: string;
}

export const registryError = (code: RegistryErrorCode, message: string): RegistryError => ({
  code,
  message,
});
