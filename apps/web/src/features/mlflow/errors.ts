// MLflow's error codes and statuses (mlflow/exceptions.py ERROR_CODE_TO_HTTP_STATUS). Services
// throw AppError as everywhere else; this is the one place that says what MLflow calls them.
import { AppError, type AppErrorCode } from "../../server/errors.ts";

export const MLFLOW_STATUS_BY_CODE = {
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  RESOURCE_CONFLICT: 409,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
} as const;

export type MlflowCode = keyof typeof MLFLOW_STATUS_BY_CODE;

/** Our codes as MLflow's: a unique violation (CONFLICT) is MLflow's duplicate name, a 400. */
const MLFLOW_CODE_BY_APP_CODE: Record<AppErrorCode, MlflowCode> = {
  INVALID_INPUT: "INVALID_PARAMETER_VALUE",
  PAYLOAD_TOO_LARGE: "INVALID_PARAMETER_VALUE",
  RATE_LIMITED: "REQUEST_LIMIT_EXCEEDED",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "PERMISSION_DENIED",
  NOT_FOUND: "RESOURCE_DOES_NOT_EXIST",
  CONFLICT: "RESOURCE_ALREADY_EXISTS",
  UNAVAILABLE: "TEMPORARILY_UNAVAILABLE",
  INTERNAL: "INTERNAL_ERROR",
};

/** Registry refusals (AppError CONFLICT with details.reason) that are not duplicates. */
const MLFLOW_CODE_BY_REGISTRY_REASON: Record<string, MlflowCode> = {
  INVALID_TRANSITION: "INVALID_PARAMETER_VALUE",
  INVALID_ALIAS: "INVALID_PARAMETER_VALUE",
  APPROVAL_MISSING: "PERMISSION_DENIED",
  GATE_FAILED: "PERMISSION_DENIED",
  SELF_APPROVAL: "PERMISSION_DENIED",
  NOT_APPROVER: "PERMISSION_DENIED",
  STALE_REQUEST: "RESOURCE_CONFLICT",
  REQUEST_CLOSED: "RESOURCE_CONFLICT",
  ALREADY_DECIDED: "RESOURCE_CONFLICT",
};

const APP_CODE_BY_MLFLOW_CODE: Record<MlflowCode, AppErrorCode> = {
  INVALID_PARAMETER_VALUE: "INVALID_INPUT",
  RESOURCE_ALREADY_EXISTS: "CONFLICT",
  BAD_REQUEST: "INVALID_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  PERMISSION_DENIED: "FORBIDDEN",
  RESOURCE_DOES_NOT_EXIST: "NOT_FOUND",
  ENDPOINT_NOT_FOUND: "NOT_FOUND",
  RESOURCE_CONFLICT: "CONFLICT",
  REQUEST_LIMIT_EXCEEDED: "RATE_LIMITED",
  INTERNAL_ERROR: "INTERNAL",
  NOT_IMPLEMENTED: "INVALID_INPUT",
  TEMPORARILY_UNAVAILABLE: "UNAVAILABLE",
};

/** An AppError that names the MLflow code it must be answered with. */
export function mlflowError(code: MlflowCode, message: string): AppError {
  return new AppError(APP_CODE_BY_MLFLOW_CODE[code], message, { mlflowCode: code });
}

export const invalidParameter = (message: string) =>
  mlflowError("INVALID_PARAMETER_VALUE", message);
export const notFound = (message: string) => mlflowError("RESOURCE_DOES_NOT_EXIST", message);

/**
 * The status for an answer: MLflow's for its code, except that a body over the route's limit is a
 * 413 (keeping INVALID_PARAMETER_VALUE, which MLflow's client reads), so proxies and clients see
 * what it is.
 */
export function readMlflowStatus(appCode: string, code: MlflowCode): number {
  return appCode === "PAYLOAD_TOO_LARGE" ? 413 : MLFLOW_STATUS_BY_CODE[code];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** The MLflow code for an error already read by the app's error table (toErrorAnswer). */
export function readMlflowCode(appCode: string, details: unknown): MlflowCode {
  if (isRecord(details)) {
    const named = details.mlflowCode;
    if (typeof named === "string" && named in MLFLOW_STATUS_BY_CODE) return named as MlflowCode;
    const reason = details.reason;
    if (typeof reason === "string" && reason in MLFLOW_CODE_BY_REGISTRY_REASON) {
      return MLFLOW_CODE_BY_REGISTRY_REASON[reason] as MlflowCode;
    }
  }
  return MLFLOW_CODE_BY_APP_CODE[appCode as AppErrorCode] ?? "INTERNAL_ERROR";
}

/** The SQLSTATE of a database error, wherever the driver or Prisma put it. */
function readSqlState(error: unknown, depth = 0): string | undefined {
  if (!isRecord(error) || depth > 4) return undefined;
  for (const field of ["code", "originalCode"]) {
    const value = error[field];
    if (typeof value === "string" && /^[0-9A-Z]{5}$/.test(value)) return value;
  }
  return readSqlState(error.cause, depth + 1);
}

/**
 * A value the database cannot take (a data exception, class 22, or a value too large for an
 * index, 54000) is the caller's bad input, not a server fault: 400, never a retried 500.
 */
export function readInputRefusal(error: unknown): AppError | null {
  const state = readSqlState(error);
  if (!state || !(state.startsWith("22") || state === "54000")) return null;
  const detail = error instanceof Error ? error.message.split("\n").at(-1)?.trim() : "";
  return invalidParameter(`A value in the request cannot be stored${detail ? `: ${detail}` : ""}`);
}
