import { expect, it } from "vitest";
import { parseFeatureDrifts } from "./parse.ts";

it("reads stored feature drifts, worst first, and skips what it cannot trust", () => {
  const rows = parseFeatureDrifts([
    { feature: "a", psi: 0.05, severity: "NONE", referenceCount: 10, currentCount: 9 },
    { feature: "b", psi: 0.31, severity: "SIGNIFICANT", jsDistance: 0.2 },
    { psi: 9 },
    "garbage",
    { feature: "c", psi: "high", severity: "BAD" },
  ]);
  expect(rows.map((row) => [row.feature, row.psi, row.severity])).toEqual([
    ["b", 0.31, "SIGNIFICANT"],
    ["a", 0.05, "NONE"],
    ["c", 0, "NONE"],
  ]);
  expect(parseFeatureDrifts(null)).toEqual([]);
});
