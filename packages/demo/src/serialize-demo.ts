import type { DemoData } from "./demo-data.ts";

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The demo as stable JSON: keys sorted at every depth, bigints and non-finite numbers as strings
 * ("NaN", "Infinity"), dates in ISO form. Equal demos give equal text, byte for byte.
 */
export function serializeDemo(data: DemoData): string {
  return JSON.stringify(data, (_key, value: unknown) => {
    if (typeof value === "bigint") return value.toString();
    if (typeof value === "number" && !Number.isFinite(value)) return String(value);
    if (isPlainObject(value)) {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, value[key]]),
      );
    }
    return value;
  });
}
