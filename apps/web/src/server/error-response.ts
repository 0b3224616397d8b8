// The one place that turns errors into HTTP answers. Pure (no logging, no clock), so the table
// and the database-error reading are unit-tested; the route wrapper logs what it is told to.
import { classifyDatabaseError } from "@pedigree/db";
import { AppError, type AppErrorCode } from "./errors.ts";

export const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** Seconds a client should wait before retrying when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

interface ErrorBody {
  error: { code: AppErrorCode; message: string; details?: unknown };
}

interface ErrorAnswer {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** Unexpected: the wrapper logs the cause with the request id. */
  isUnexpected: boolean;
}

function answer(error: AppError, isUnexpected = false): ErrorAnswer {
  const status = STATUS_BY_CODE[error.code];
  const headers: Record<string, string> = {};
  if (error.code === "UNAVAILABLE") headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
  if (error.code === "RATE_LIMITED") headers["Retry-After"] = String(readRetryAfter(error.details));
  if (error.code === "UNAUTHENTICATED") headers["WWW-Authenticate"] = 'Bearer realm="pedigree"';
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return { status, body, headers, isUnexpected };
}

function readRetryAfter(details: unknown): number {
  const seconds =
    typeof details === "object" && details !== null && "retryAfterSeconds" in details
      ? Number(details.retryAfterSeconds)
      : Number.NaN;
  return Number.isFinite(seconds) ? seconds : RETRY_AFTER_SECONDS;
}

/** Translates anything thrown by a handler; unknown errors become a 500 naming only the request. */
export function toErrorAnswer(error: unknown, requestId: string): ErrorAnswer {
  // An explicit INTERNAL is treated like any unexpected error: its message may say too much.
  if (error instanceof AppError && error.code !== "INTERNAL") return answer(error);
  switch (classifyDatabaseError(error)) {
    case "unique_violation":
      return answer(
        new AppError("CONFLICT", "A record with the same unique values already exists"),
      );
    case "restrict_violation":
      return answer(new AppError("CONFLICT", "This record cannot be changed"));
    case "unavailable":
      return answer(new AppError("UNAVAILABLE", "The database is unavailable; try again shortly"));
    default:
      return answer(
        new AppError("INTERNAL", `Internal error (request id ${requestId})`, { requestId }),
        true,
      );
  }
}
