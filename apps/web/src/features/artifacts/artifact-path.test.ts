import { describe, expect, it } from "vitest";
import { normalizeArtifactPath, readRunArtifactPath } from "./artifact-path.ts";

describe("normalizeArtifactPath", () => {
  it("drops empty and dot parts", () => {
    expect(normalizeArtifactPath("/a//b/./c.txt")).toBe("a/b/c.txt");
    expect(normalizeArtifactPath("")).toBe("");
  });

  it.each(["../etc/passwd", "a/../../b", "a\\..\\b", "C:/x", "a\0b"])("refuses %s", (path) => {
    expect(() => normalizeArtifactPath(path)).toThrow(/Invalid artifact path/);
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
