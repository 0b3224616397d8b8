// MLflow's request encoding (mlflow-rest.md §1.2): GET fields in the query string (repeated keys,
// numbers and enums as strings), a JSON body on every other method (even DELETE and PATCH), a
// body double-encoded as a JSON string from old clients, and an empty body meaning {}.
import { z } from "zod";
import { findUnstorableValue, formatPath } from "../../server/route/parse-input.ts";
import { invalidParameter } from "./errors.ts";

/** The query string as MLflow's GET handlers read it: a repeated key becomes a list. */
export function readQueryFields(searchParams: URLSearchParams): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    fields[key] = values.length === 1 ? values[0] : values;
  }
  return refuseUnstorable(fields);
}

/** A JSON body; "" and whitespace are {}, a JSON string holding JSON is decoded once more. */
export function parseBodyText(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
    if (typeof value === "string") value = value.trim() === "" ? {} : JSON.parse(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidParameter(`Malformed JSON in the request body: ${reason}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidParameter("The request body must be a JSON object");
  }
  return refuseUnstorable(value as Record<string, unknown>);
}

/** NUL, lone surrogates and deep nesting are refused before anything reads or stores them. */
function refuseUnstorable(fields: Record<string, unknown>): Record<string, unknown> {
  const unstorable = findUnstorableValue(fields);
  if (unstorable) {
    throw invalidParameter(
      `Invalid value for parameter '${unstorable.path}': ${unstorable.message}`,
    );
  }
  return fields;
}

/** Validates fields; the first problems are named the way MLflow names them. */
export function parseFields<S extends z.ZodType>(schema: S, fields: unknown): z.output<S> {
  const result = schema.safeParse(fields);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const name = formatPath(issue.path);
    if (issue.code === "invalid_type" && issue.input === undefined) {
      return `Missing value for required parameter '${name}'`;
    }
    return `Invalid value for parameter '${name}': ${issue.message}`;
  });
  throw invalidParameter(problems.join("; "));
}

// ---- field types ------------------------------------------------------------------------------

/** int64: a JSON number, or a decimal string (GET, and protobuf JSON's own int64 form). */
export const int64 = z
  .union([
    z.number().int(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/, "expected an integer")
      .transform(Number),
  ])
  .refine(Number.isSafeInteger, "must be an integer of at most 2^53 - 1 in magnitude");

const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/** A double: a number, "NaN", "Infinity", "-Infinity" or a decimal string. */
export const double = z.union([
  z.number(),
  z.string().transform((text, context) => {
    const special = NON_FINITE[text.trim()];
    if (special !== undefined) return special;
    const parsed = text.trim() === "" ? Number.NaN : Number(text);
    if (Number.isNaN(parsed)) {
      context.addIssue({ code: "custom", message: `"${text}" is not a number` });
      return z.NEVER;
    }
    return parsed;
  }),
]);

/** A JSON boolean, or true/false in any case (GET). */
export const bool = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["true", "false"]))
    .transform((text) => text === "true"),
]);

/** A repeated field: a list, or one value (a GET key given once). */
export function list<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value === undefined || Array.isArray(value) ? value : [value]),
    z.array(item),
  );
}

/** A protobuf enum: its name, or its number (1-based, in the order given). */
export function protoEnum<const T extends readonly [string, ...string[]]>(names: T) {
  return z.preprocess((value) => {
    const index = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
    return typeof index === "number" ? names[index - 1] : value;
  }, z.enum(names));
}

export const VIEW_TYPES = ["ACTIVE_ONLY", "DELETED_ONLY", "ALL"] as const;
export type ViewType = (typeof VIEW_TYPES)[number];
export const viewType = protoEnum(VIEW_TYPES);

// ---- output ---------------------------------------------------------------------------------

/** A double as protobuf JSON writes it: non-finite values as strings. */
export function formatDouble(value: number): number | string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  return value;
}

/** The text PostgreSQL reads as the same double (NaN and ±Infinity included). */
export function toSqlDouble(value: number): string {
  return String(formatDouble(value));
}

export const millis = (date: Date): number => date.getTime();

/** Milliseconds since the epoch as a Date; out of JavaScript's date range is bad input. */
export function toDate(ms: number, field: string): Date {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) {
    throw invalidParameter(`Invalid value ${ms} for parameter '${field}': not a valid time`);
  }
  return date;
}
