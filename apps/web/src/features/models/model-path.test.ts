import { describe, expect, it } from "vitest";
import { decodeModelNameParam, modelPath } from "./model-path.ts";

describe("model paths", () => {
  it("round-trips awkward names through the URL segment", () => {
    for (const name of ["churn", "churn model", "a/b", "100%", "fraud?v=2#x", "modèle"]) {
      const segment = modelPath(name).slice("/models/".length);
      expect(decodeModelNameParam(segment)).toBe(name);
    }
  });

  it("takes a malformed escape literally", () => {
    expect(decodeModelNameParam("100%")).toBe("100%");
  });
});
