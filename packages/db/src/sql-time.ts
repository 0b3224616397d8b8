/**
 * A timestamp column selected as epoch milliseconds (float8) named `alias`, for raw SQL. Prisma
 * stores UTC in timestamps without a time zone, which pg and PGlite would read in the process's
 * own zone. `column` is SQL text from the caller's code, never user input.
 */
export const epochMs = (column: string, alias: string): string =>
  `(extract(epoch FROM ${column}) * 1000)::float8 AS "${alias}"`;
