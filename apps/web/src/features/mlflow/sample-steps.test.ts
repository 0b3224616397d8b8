import { describe, expect, it } from "vitest";
import { sampleSteps } from "./sample-steps.ts";

describe("sampleSteps", () => {
  it("keeps every step when there are few", () => {
    expect(sampleSteps([3, 1, 2, 2], [], 10)).toEqual([1, 2, 3]);
  });

  it("samples evenly and keeps the last step and the kept ones", () => {
    const all = Array.from({ length: 100 }, (_, i) => i);
    const sampled = sampleSteps(all, [37], 10);
    expect(sampled).toEqual([0, 10, 20, 30, 37, 40, 50, 60, 70, 80, 90, 99]);
  });
});
