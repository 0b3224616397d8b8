import { describe, expect, it } from "vitest";
import {
  assertNoEncodedSeparator,
  normalizeArtifactPath,
  readRunArtifactPath,
} from "./artifact-path.ts";

describe("normalizeArtifactPath", () => {
  it("drops empty and dot parts", () => {
    expect(normalizeArtifactPath("a//b/./c.txt")).toBe("a/b/c.txt");
    expect(normalizeArtifactPath("")).toBe("");
    expect(normalizeArtifactPath("a/..b/c..")).toBe("a/..b/c..");
  });

  it.each([
    "../etc/passwd",
    "a/../../b",
    "a/..",
    "a\\..\\b",
    "a\\b",
    "/etc/passwd",
    "C:/x",
    "c:x",
    "a\0b",
  ])("refuses %j", (path) => {
    expect(() => normalizeArtifactPath(path)).toThrow(/Invalid artifact path/);
  });
});

describe("assertNoEncodedSeparator", () => {
  it.each(["/a/..%2Fb", "/a%2fb", "/a%5Cb", "/a%5c..", "/a%00b"])("refuses %s", (raw) => {
    expect(() => assertNoEncodedSeparator(raw)).toThrow(/encoded separators/);
  });

  it("lets other escapes through", () => {
    expect(() => assertNoEncodedSeparator("/a%20b/%E2%9C%93.txt")).not.toThrow();
  });
});

describe("readRunArtifactPath", () => {
  it("reads experiment, run and path", () => {
    expect(readRunArtifactPath("1/abc/artifacts/model/MLmodel")).toEqual({
      experimentId: "1",
      runId: "abc",
      path: "model/MLmodel",
    });
    expect(readRunArtifactPath("1/models/m-1/artifacts")).toBeNull();
  });
});
