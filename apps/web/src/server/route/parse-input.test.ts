import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { findUnstorableValue, MAX_JSON_DEPTH, parseInput, readJsonBody } from "./parse-input.ts";

const CHUNK = new Uint8Array(64 * 1024).fill(0x20);

/** A body of `totalBytes` spaces produced on demand; `pulled()` says how much was read. */
function lazyBody(totalBytes: number) {
  let produced = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= totalBytes) return controller.close();
      produced += CHUNK.byteLength;
      controller.enqueue(CHUNK);
    },
  });
  return { stream, pulled: () => produced };
}

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return new Request("http://localhost/api/test", {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("readJsonBody", () => {
  it("refuses a body announced as 1 GB before reading any of it", async () => {
    const gigabyte = 1024 ** 3;
    const body = lazyBody(gigabyte);
    const error = await refusal(
      readJsonBody(post(body.stream, { "content-length": String(gigabyte) }), 1024),
    );
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(body.pulled()).toBeLessThanOrEqual(2 * CHUNK.byteLength);
  });

  it("stops reading an unannounced body as soon as it passes the limit", async () => {
    const body = lazyBody(1024 ** 3);
    const error = await refusal(readJsonBody(post(body.stream), 256 * 1024));
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(body.pulled()).toBeLessThan(1024 * 1024);
  });

  it("reads a body up to the limit, and names what is wrong with a bad one", async () => {
    expect(await readJsonBody(post('{"a":[1,2]}'), 11)).toEqual({ a: [1, 2] });
    expect((await refusal(readJsonBody(post('{"a":[1,2]}'), 10))).code).toBe("PAYLOAD_TOO_LARGE");
    expect((await refusal(readJsonBody(post("  ")))).message).toMatch(/empty/);
    expect((await refusal(readJsonBody(post("{nope")))).message).toMatch(/Malformed JSON/);
  });

  it("reads multi-byte characters split across chunks intact", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ name: "données ✓ 模型" }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    expect(await readJsonBody(post(stream))).toEqual({ name: "données ✓ 模型" });
  });
});

describe("parseInput", () => {
  const schema = z.object({ name: z.string(), tags: z.array(z.object({ key: z.string() })) });
  const issuesOf = (value: unknown) => {
    try {
      parseInput(schema, value, "request body");
    } catch (error) {
      if (error instanceof AppError) return (error.details as { issues: unknown }).issues;
    }
    throw new Error("expected a refusal");
  };

  it("names the field holding a NUL or a lone surrogate, which the database cannot store", () => {
    expect(issuesOf({ name: "a\u0000b", tags: [] })).toEqual([
      { path: "name", message: "cannot contain NUL characters" },
    ]);
    expect(issuesOf({ name: "x", tags: [{ key: "\ud800" }] })).toEqual([
      { path: "tags.0.key", message: "is not valid Unicode (a lone surrogate)" },
    ]);
    expect(issuesOf({ name: "x", tags: [], "k\u0000": 1 })).toEqual([
      { path: "k\u0000", message: "the field name cannot contain NUL characters" },
    ]);
    expect(parseInput(schema, { name: "💥 ok", tags: [] }, "body")).toEqual({
      name: "💥 ok",
      tags: [],
    });
  });

  it('spells a field named "" in the path, which is empty only for the body as a whole', () => {
    expect(findUnstorableValue({ "": "\ud800" })?.path).toBe('""');
    expect(findUnstorableValue({ a: { "": "a\u0000b" } })?.path).toBe('a.""');
    expect(findUnstorableValue("\ud800")?.path).toBe("");
    // The same spelling for the schema's own issues.
    const record = z.object({ tags: z.record(z.string(), z.string().max(3)) });
    let issues: unknown;
    try {
      parseInput(record, { tags: { "": "long" } }, "body");
    } catch (error) {
      if (error instanceof AppError) issues = (error.details as { issues: unknown }).issues;
    }
    expect(issues).toEqual([expect.objectContaining({ path: 'tags.""' })]);
  });

  it("refuses nesting past MAX_JSON_DEPTH without overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(50_000)}${"]".repeat(50_000)}`);
    expect(findUnstorableValue(deep)?.message).toBe(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(issuesOf({ name: "x", tags: deep })).toEqual([
      {
        path: Array.from({ length: MAX_JSON_DEPTH - 1 }, () => "0")
          .join(".")
          .replace(/^/, "tags."),
        message: `nested deeper than ${MAX_JSON_DEPTH} levels`,
      },
    ]);
  });
});
