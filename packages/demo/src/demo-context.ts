import type { Random } from "./random.ts";
import { addDays, addHours, startOfUtcDay } from "./time.ts";

/** What every generator shares: the seeded randomness and the story's clock. */
export interface DemoContext {
  random: Random;
  /**
   * The end of the story: midnight UTC a day before `now`'s day. Every timestamp lies before
   * anchor + 1 day, so none is in the future even when `now` is exactly midnight.
   */
  anchor: Date;
  /** A time `daysAgo` days before the anchor, plus `hours`. */
  at(daysAgo: number, hours?: number): Date;
}

export function createDemoContext(random: Random, now: Date): DemoContext {
  const anchor = addDays(startOfUtcDay(now), -1);
  return { random, anchor, at: (daysAgo, hours = 0) => addHours(addDays(anchor, -daysAgo), hours) };
}
