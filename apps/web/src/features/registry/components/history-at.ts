import type { TransitionView } from "../types.ts";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `?at=2026-11-12` means the end of that day (UTC); a full ISO instant is taken as is. */
export function readAt(param: string | null): { day: string; iso: string } | null {
  if (!param) return null;
  const iso = DAY.test(param) ? `${param}T23:59:59.999Z` : param;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return { day: new Date(time).toISOString().slice(0, 10), iso: new Date(time).toISOString() };
}

/** The transition that made the answer production: its latest arrival there up to `at`. */
export function findAnswerIndex(
  transitions: readonly TransitionView[],
  version: number | null,
  at: string | null,
): number {
  const limit = at ? Date.parse(at) : Number.POSITIVE_INFINITY;
  let found = -1;
  let foundTime = Number.NEGATIVE_INFINITY;
  transitions.forEach((t, index) => {
    const time = Date.parse(t.createdAt);
    if (t.version === version && t.toStage === "PRODUCTION" && time <= limit && time >= foundTime) {
      found = index;
      foundTime = time;
    }
  });
  return found;
}
