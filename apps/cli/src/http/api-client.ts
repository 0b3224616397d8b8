/** The server and token, from resolveServer() in env.ts. */
export interface ApiTarget {
  url: string;
  token: string;
}

/** A refusal from the server, with its status and the `{ error: { code, message } }` it sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/**
 * The pipelines' commands talk to the server over HTTP with a bearer API token
 * (PEDIGREE_URL, PEDIGREE_TOKEN), never to the database: the server owns the checks.
 */
export async function callApi<T>(
  target: ApiTarget,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${target.token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(`${target.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    throw new Error(`cannot reach ${target.url} (PEDIGREE_URL)${cause}`);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const error = (
      parsed as { error?: { code?: string; message?: string; details?: unknown } } | null
    )?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "HTTP_ERROR",
      `${method} ${path}: ${response.status} ${error?.message ?? text.slice(0, 200)}`,
      error?.details,
    );
  }
  return { status: response.status, body: parsed as T };
}
