import type { z } from "zod";
import { AppError } from "../errors.ts";

/** Reads a JSON body; an empty or malformed one is INVALID_INPUT naming the problem. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
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
