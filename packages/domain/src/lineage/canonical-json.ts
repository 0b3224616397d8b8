export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/**
 * JSON with object keys sorted (by code units) at every depth and no whitespace, so that equal
 * values always give equal text. Undefined members are dropped, as JSON.stringify does; a
 * non-finite number is refused rather than silently written as null.
 */
export function serializeCanonicalJson(value: JsonValue): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return JSON.stringify(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot serialise ${value} as JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: JsonValue) => serializeCanonicalJson(item)).join(",")}]`;
  }
  const object = value as { readonly [key: string]: JsonValue | undefined };
  const members = Object.keys(object)
    .sort()
    .flatMap((key) => {
      const member = object[key];
      return member === undefined
        ? []
        : [`${JSON.stringify(key)}:${serializeCanonicalJson(member)}`];
    });
  return `{${members.join(",")}}`;
}
