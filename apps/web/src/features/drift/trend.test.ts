import { expect, it } from "vitest";
import { buildTrend } from "./trend.ts";

const at = (day: number) => new Date(Date.UTC(2026, 0, day));

it("puts a feature's entries of each window on a timeline, oldest first", () => {
  const windows = [
    { id: "w3", windowStart: at(3), isTooFewRows: false },
    { id: "w2", windowStart: at(2), isTooFewRows: true },
    { id: "w1", windowStart: at(1), isTooFewRows: false },
  ];
  const matches = new Map<string, unknown>([
    // Two entries of one name: the worst, as the report's own list puts it first.
    [
      "w3",
      [
        { feature: "a", psi: 0.1, currentCount: 5 },
        { feature: "a", psi: 0.4, currentCount: 6 },
      ],
    ],
    ["w2", []],
    ["w1", [{ feature: "a", psi: "high", currentCount: 7 }]],
  ]);
  expect(buildTrend(windows, matches)).toEqual([
    { windowStart: at(1).toISOString(), psi: 0, isTooFewRows: false, currentCount: 7 },
    { windowStart: at(2).toISOString(), psi: null, isTooFewRows: true, currentCount: 0 },
    { windowStart: at(3).toISOString(), psi: 0.4, isTooFewRows: false, currentCount: 6 },
  ]);
  expect(buildTrend([], new Map())).toEqual([]);
});
