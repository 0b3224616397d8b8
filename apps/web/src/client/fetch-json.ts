// The browser's way to our JSON API: the session cookie authenticates, and an error answer
// `{ error: { code, message } }` becomes an ApiError whose message can be shown as is.

class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function readError(status: number, body: unknown): ApiError {
  if (typeof body === "object" && body !== null && "error" in body) {
    const error = (body as { error: { code?: unknown; message?: unknown } }).error;
    if (typeof error.message === "string") {
      return new ApiError(status, String(error.code ?? "UNKNOWN"), error.message);
    }
  }
  return new ApiError(status, "UNKNOWN", `The server answered ${status}`);
}

export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  headers.set("accept", "application/json");
  const response = await fetch(url, { ...init, headers, credentials: "same-origin" });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw readError(response.status, body);
  return body as T;
}
