import { describe, expect, it } from "vitest";
import { findProductionAt, findRollbackTarget, type StageTransitionRecord } from "./history.ts";
import type { Stage } from "./stage.ts";

const day = (d: number) => new Date(Date.UTC(2026, 9, d));
const history: StageTransitionRecord[] = [
  { versionId: "v1", fromStage: "STAGING", toStage: "PRODUCTION", at: day(1) },
  { versionId: "v1", fromStage: "PRODUCTION", toStage: "ARCHIVED", at: day(10) },
  { versionId: "v2", fromStage: "STAGING", toStage: "PRODUCTION", at: day(10) },
  { versionId: "v2", fromStage: "PRODUCTION", toStage: "ARCHIVED", at: day(20) },
  { versionId: "v3", fromStage: "STAGING", toStage: "PRODUCTION", at: day(20) },
];

describe("stage history", () => {
  it("answers which version was in production on a date", () => {
    expect(findProductionAt(history, new Date(Date.UTC(2026, 8, 30)))).toBeNull();
    expect(findProductionAt(history, day(5))).toBe("v1");
    expect(findProductionAt(history, day(10))).toBe("v2");
    expect(findProductionAt(history, day(25))).toBe("v3");
  });

  it("rolls back to the version that was in production before the current one", () => {
    const stages: Record<string, Stage> = { v1: "ARCHIVED", v2: "ARCHIVED", v3: "PRODUCTION" };
    expect(findRollbackTarget(history, "v3", (id) => stages[id])).toBe("v2");
    // After rolling back to v2, rolling back again restores v3.
    const rolledBack = [
      ...history,
      {
        versionId: "v2",
        fromStage: "ARCHIVED" as const,
        toStage: "PRODUCTION" as const,
        at: day(21),
      },
    ];
    const after: Record<string, Stage> = { ...stages, v2: "PRODUCTION", v3: "ARCHIVED" };
    expect(findRollbackTarget(rolledBack, "v2", (id) => after[id])).toBe("v3");
    expect(findRollbackTarget(history.slice(0, 1), "v1", (id) => stages[id])).toBeNull();
  });
});
