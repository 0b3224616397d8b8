// For tests only: hostile request bodies and path values (fast-check arbitraries), and the list
// of routes read from disk, so that a new route is fuzzed without anyone remembering to add it.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

const SRC = fileURLToPath(new URL("..", import.meta.url));

/** Strings that have broken servers: NUL, lone surrogates, BOM, RTL marks, quotes, markup. */
const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "\ufeff",
  "\u202e\u0041",
  "💥🔥",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-0",
  "0x10",
  "null",
  "undefined",
  "true",
  "'",
  '"',
  "`",
  "\\",
  "%00",
  "%2e%2e%2f",
  "../../etc/passwd",
  "/",
  '\'; DROP TABLE "User"; --',
  "<script>window.__xss=1</script>",
  "javascript:alert(1)",
  "__proto__",
  "constructor",
  "x".repeat(10_000),
] as const;

/** A string of any UTF-16 code units, lone surrogates and NUL included. */
const anyUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: anyUnits },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(200_000), "é".repeat(300_000)) },
);

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1.5, -0, 2 ** 31, 2 ** 53, 2 ** 63, -(2 ** 63), 1e308, Number.MIN_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const hostileScalar = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));

/** Any JSON value, a few levels deep, built from hostile scalars. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileScalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.slice(0, 12)), anyUnits),
      tie("value"),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

/** Text that is not JSON, or JSON that stresses the parser (NaN and Infinity as JS writes them). */
const DEPTH = 50_000;
const INVALID_JSON_TEXTS = [
  "{",
  "[",
  "}",
  '{"name": NaN}',
  '{"version": Infinity}',
  '{"value": -Infinity}',
  '{"a": undefined}',
  "{'name': 'x'}",
  '{"name": "x",}',
  '{"name": "x"} trailing',
  "\ufeff{}",
  "\u0000",
  '"\\u0000"',
  '"unterminated',
  "0",
  "null",
  "true",
  "[]",
  '"a string"',
  '"{\\"nested\\": \\"json in a string\\"}"',
  "1e99999",
  "<xml/>",
  "name=x&version=1",
  `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`,
  `${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}`,
] as const;

/**
 * A body as text: a JSON object whose keys are the routes' own field names (so that values reach
 * the field validators) with hostile values and extra fields, any JSON value, or text that is not
 * JSON at all.
 */
export function hostileBody(fieldNames: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fieldNames) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  );
  const objectBody = fc.dictionary(key, hostileValue, { minKeys: 1, maxKeys: 8 });
  return fc.oneof(
    { weight: 6, arbitrary: objectBody.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.array(objectBody, { maxLength: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: hostileValue.map((value) => JSON.stringify(value) ?? "") },
    { weight: 2, arbitrary: fc.constantFrom(...INVALID_JSON_TEXTS) },
  );
}

/** A query string: the routes' own field names (and hostile ones) with hostile values. */
export function hostileQuery(fieldNames: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fieldNames) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  );
  const value = fc.oneof(
    hostileString,
    hostileNumber.map(String),
    fc.constantFrom("[]", "{}", "%", "%zz", "a,b,,c"),
  );
  return fc
    .array(fc.tuple(key, value), { minLength: 1, maxLength: 6 })
    .map((pairs) =>
      new URLSearchParams(pairs.map(([k, v]) => [k, v.replace(/[\ud800-\udfff]/g, "")])).toString(),
    );
}

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(directory, entry.name)) : [join(directory, entry.name)],
  );
}

/** The field names the app's schemas declare (`name: z.string()`, MLflow's `run_id: int64`...). */
export function readSchemaFieldNames(): string[] {
  const names = new Set<string>();
  const field = /\b([A-Za-z_][\w]*)\s*:\s*(?:z\.|int64|double|bool\b|list\(|protoEnum|viewType)/g;
  for (const file of listFiles(SRC)) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    for (const match of readFileSync(file, "utf8").matchAll(field)) names.add(match[1] as string);
  }
  return [...names].sort();
}

interface NativeRouteFile {
  /** The module path, for import(). */
  file: string;
  /** The URL path pattern, e.g. `/api/v1/models/[name]/aliases/[alias]`. */
  pattern: string;
  /** Dynamic segments with the segment before each (`[id]` after `runs` is a run id). */
  segments: { name: string; parent: string; isCatchAll: boolean }[];
}

/** Every route.ts under app/api/v1, as found on disk. */
export function listNativeRoutes(): NativeRouteFile[] {
  const root = join(SRC, "app");
  return listFiles(join(root, "api", "v1"))
    .filter((file) => file.endsWith(`${sep}route.ts`))
    .sort()
    .map((file) => {
      const parts = relative(root, file).split(sep).slice(0, -1);
      const segments = parts.flatMap((part, index) =>
        part.startsWith("[")
          ? [
              {
                name: part.replace(/^\[(\.\.\.)?|\]$/g, ""),
                parent: parts[index - 1] ?? "",
                isCatchAll: part.startsWith("[..."),
              },
            ]
          : [],
      );
      return { file, pattern: `/${parts.join("/")}`, segments };
    });
}

/** Path values that have broken servers, for dynamic segments. */
export const HOSTILE_SEGMENTS = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "%00",
  "..",
  '\'; DROP TABLE "Run"; --',
  "NaN",
  "-1",
  "0",
  "1e309",
  "99999999999999999999999",
  " ",
  "x".repeat(5_000),
  "💥",
] as const;

/** encodeURIComponent, with lone surrogates (which it refuses) as U+FFFD, as a browser sends. */
export function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, "\ufffd"));
  }
}
