// Infrastructure and permission failures. They know nothing of HTTP: the route wrapper maps each
// code to a status in one table (error-response.ts).

export const APP_ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "INVALID_INPUT",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "INTERNAL",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  override readonly name = "AppError";

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Runs a page's load and turns an unknown or malformed target (NOT_FOUND, INVALID_INPUT) into a
 * message the page shows, rather than a 500; any other failure is thrown.
 */
export async function loadOrProblem<T extends object>(
  load: () => Promise<T>,
): Promise<T | { problem: string }> {
  try {
    return await load();
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === "NOT_FOUND" || error.code === "INVALID_INPUT")
    ) {
      return { problem: error.message };
    }
    throw error;
  }
}
