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

export interface InputIssue {
  path: string;
  message: string;
}

/**
 * A field's path as the answers name it: keys joined by dots, a key "" spelled as such, so that
 * an empty path means only the body (or query) as a whole.
 */
export function formatPath(keys: readonly PropertyKey[]): string {
  return keys.map((key) => (key === "" ? '""' : String(key))).join(".");
}

/** Deeper than any route's JSON; deeper values overflow recursive readers (JSON.stringify). */
export const MAX_JSON_DEPTH = 64;

/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;

/** Why PostgreSQL (NUL) or Prisma's engine (a lone UTF-16 surrogate) cannot take a text. */
function readUnstorableText(text: string): string | null {
  if (text.includes("\u0000")) return "cannot contain NUL characters";
  if (LONE_SURROGATE.test(text)) return "is not valid Unicode (a lone surrogate)";
  return null;
}

/**
 * The first place in a parsed value that nothing downstream can take: nesting past
 * MAX_JSON_DEPTH, or a string or key that cannot be stored (readUnstorableText). Iterative, so a 50,000-level body is answered, not a stack overflow.
 */
export function findUnstorableValue(value: unknown): InputIssue | null {
  // Each entry links to its parent rather than copying its path: a 1,000-metric batch is 5,000
  // values, and a path is only spelled out for the one that fails.
  interface Entry {
    value: unknown;
    key: string | null;
    parent: Entry | null;
    depth: number;
  }
  const pathOf = (entry: Entry | null, key?: string) => {
    const keys = key === undefined ? [] : [key];
    for (let at = entry; at && at.key !== null; at = at.parent) keys.push(at.key);
    return formatPath(keys.reverse());
  };
  const stack: Entry[] = [{ value, key: null, parent: null, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const current = next.value;
    if (typeof current === "string") {
      const problem = readUnstorableText(current);
      if (problem) return { path: pathOf(next), message: problem };
      continue;
    }
    if (typeof current !== "object" || current === null) continue;
    if (next.depth >= MAX_JSON_DEPTH) {
      return { path: pathOf(next), message: `nested deeper than ${MAX_JSON_DEPTH} levels` };
    }
    for (const key in current) {
      const problem = readUnstorableText(key);
      if (problem) return { path: pathOf(next, key), message: `the field name ${problem}` };
      const item = (current as Record<string, unknown>)[key];
      if (typeof item === "string" || (typeof item === "object" && item !== null)) {
        stack.push({ value: item, key, parent: next, depth: next.depth + 1 });
      }
    }
  }
  return null;
}

/** Validates with the schema if there is one; the issues go to the caller in `details`. */
export function parseInput<S extends z.ZodType | undefined>(
  schema: S,
  value: unknown,
  where: string,
): S extends z.ZodType ? z.output<S> : undefined {
  type Out = S extends z.ZodType ? z.output<S> : undefined;
  if (!schema) return undefined as Out;
  const unstorable = findUnstorableValue(value);
  const result = unstorable ? null : schema.safeParse(value);
  if (result?.success) return result.data as Out;
  const issues: InputIssue[] = unstorable
    ? [unstorable]
    : (result?.error.issues ?? []).map((issue) => ({
        path: formatPath(issue.path),
        message: issue.message,
      }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  throw new AppError("INVALID_INPUT", `Invalid ${where}: ${summary}`, { issues });
}
