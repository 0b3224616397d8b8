import { describe, expect, it } from "vitest";
import {
  type Breach,
  buildBreach,
  chooseAction,
  decideBreach,
  isResolvedBy,
  MAX_OBSERVATIONS,
  toWindowKey,
} from "./triggers.ts";

const DAY = 86_400_000;
const now = new Date(Date.UTC(2026, 10, 26));

const breach = (day: number): Breach => ({
  at: now.toISOString(),
  ruleId: "r1",
  rule: "PSI",
  kind: "FEATURE_DRIFT",
  threshold: 0.2,
  deploymentId: "d1",
  reportId: `report-${day}`,
  windowStart: new Date(Date.UTC(2026, 10, day)).toISOString(),
  windowEnd: new Date(Date.UTC(2026, 10, day + 1)).toISOString(),
  observations: [{ subject: "amount", value: 0.3 }],
  observationCount: 1,
});

describe("decideBreach", () => {
  it("opens when the rule has no open trigger, appends otherwise, ignores a window seen", () => {
    expect(decideBreach(null)).toBe("open");
    expect(decideBreach({ hasWindow: false })).toBe("append");
    expect(decideBreach({ hasWindow: true })).toBe("ignore");
  });
});

describe("buildBreach", () => {
  it("keeps the worst MAX_OBSERVATIONS observations and counts them all", () => {
    const observations = Array.from({ length: 30 }, (_, i) => ({
      subject: `f${i}`,
      value: 1 - i / 100,
    }));
    const { observations: kept, observationCount, ...rest } = breach(3);
    const built = buildBreach(rest, observations);
    expect(built.observations).toEqual(observations.slice(0, MAX_OBSERVATIONS));
    expect(built.observationCount).toBe(30);
    expect(kept).toHaveLength(1);
    expect(observationCount).toBe(1);
    expect(toWindowKey(built)).toEqual({
      deploymentId: "d1",
      windowStart: "2026-11-03T00:00:00.000Z",
      windowEnd: "2026-11-04T00:00:00.000Z",
    });
  });
});

describe("chooseAction", () => {
  const input = { rollbackWindowDays: 7, hasRollbackTarget: true, now };
  it("rolls back a version promoted within the window, retrains otherwise", () => {
    expect(chooseAction({ ...input, promotedAt: new Date(now.getTime() - 2 * DAY) })).toBe(
      "ROLLBACK",
    );
    expect(chooseAction({ ...input, promotedAt: new Date(now.getTime() - 7 * DAY) })).toBe(
      "RETRAIN",
    );
    expect(chooseAction({ ...input, promotedAt: null })).toBe("RETRAIN");
    const recent = new Date(now.getTime() - DAY);
    expect(chooseAction({ ...input, promotedAt: recent, hasRollbackTarget: false })).toBe(
      "RETRAIN",
    );
    expect(chooseAction({ ...input, promotedAt: recent, rollbackWindowDays: 0 })).toBe("RETRAIN");
  });
});

describe("isResolvedBy", () => {
  const trigger = { versionId: "v1", createdAt: now };
  it("is resolved by another version promoted since it opened", () => {
    expect(
      isResolvedBy(trigger, { versionId: "v2", promotedAt: new Date(now.getTime() + 1) }),
    ).toBe(true);
    expect(
      isResolvedBy(trigger, { versionId: "v1", promotedAt: new Date(now.getTime() + 1) }),
    ).toBe(false);
    expect(
      isResolvedBy(trigger, { versionId: "v2", promotedAt: new Date(now.getTime() - 1) }),
    ).toBe(false);
    expect(isResolvedBy(trigger, null)).toBe(false);
  });
});
