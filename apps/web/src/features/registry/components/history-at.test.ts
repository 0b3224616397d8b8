import { describe, expect, it } from "vitest";
import type { TransitionView } from "../types.ts";
import { findAnswerIndex, readAt } from "./history-at.ts";

const move = (version: number, fromStage: string, toStage: string, createdAt: string) =>
  ({
    version,
    fromStage,
    toStage,
    createdAt,
    actor: null,
    reason: "",
    requestId: null,
    kind: null,
  }) as TransitionView;

describe("the history's ?at=", () => {
  it("reads a day as its end in UTC and keeps a full instant", () => {
    expect(readAt("2026-11-12")).toEqual({ day: "2026-11-12", iso: "2026-11-12T23:59:59.999Z" });
    expect(readAt("2026-11-12T08:00:00Z")).toEqual({
      day: "2026-11-12",
      iso: "2026-11-12T08:00:00.000Z",
    });
  });

  it("ignores what is not a date", () => {
    expect(readAt(null)).toBeNull();
    expect(readAt("yesterday")).toBeNull();
  });
});

describe("the highlighted transition", () => {
  const transitions = [
    move(1, "STAGING", "PRODUCTION", "2026-01-01T00:00:00Z"),
    move(2, "STAGING", "PRODUCTION", "2026-02-01T00:00:00Z"),
    move(1, "ARCHIVED", "PRODUCTION", "2026-03-01T00:00:00Z"),
  ];

  it("is the answer's latest arrival in production up to the instant", () => {
    expect(findAnswerIndex(transitions, 1, "2026-01-15T00:00:00Z")).toBe(0);
    expect(findAnswerIndex(transitions, 1, "2026-03-15T00:00:00Z")).toBe(2);
    expect(findAnswerIndex(transitions, 1, null)).toBe(2);
  });

  it("is none when no version was in production", () => {
    expect(findAnswerIndex(transitions, null, "2025-12-01T00:00:00Z")).toBe(-1);
  });
});
