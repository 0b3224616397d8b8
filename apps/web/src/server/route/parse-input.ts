import type { z } from "zod";
import { AppError } from "../errors.ts";

/** What a JSON body may weigh unless a route says otherwise (MLflow's largest log-batch fits). */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Reads a JSON body of at most `maxBytes`; an empty or malformed one is INVALID_INPUT naming the
 * problem. A body announced or found to be larger is refused before it is read any further, so a
 * 1 GB upload never sits in memory.
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number = DEFAULT_MAX_BODY_BYTES,
): Promise<unknown> {
  const text = await readTextBody(request, maxBytes);
  if (text.trim() === "") {
    throw new AppError("INVALID_INPUT", "The request body is empty; expected a JSON object");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("INVALID_INPUT", `Malformed JSON in the request body: ${reason}`);
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    "PAYLOAD_TOO_LARGE",
    `The request body is larger than this route accepts (${maxBytes} bytes)`,
    { maxBytes },
  );
}

/** Reads a body as text, refusing it (413) as soon as it is announced or found past `maxBytes`. */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  const announced = Number(request.headers.get("content-length") ?? Number.NaN);
  if (announced > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

interface InputIssue {
  path: string;
  message: string;
}

/** Validates with the schema if there is one; the issues go to the caller in `details`. */
export function parseInput<S extends z.ZodType | undefined>(
  schema: S,
  value: unknown,
  where: string,
): S extends z.ZodType ? z.output<S> : undefined {
  type Out = S extends z.ZodType ? z.output<S> : undefined;
  if (!schema) return undefined as Out;
  const result = schema.safeParse(value);
  if (result.success) return result.data as Out;
  const issues: InputIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  throw new AppError("INVALID_INPUT", `Invalid ${where}: ${summary}`, { issues });
}
