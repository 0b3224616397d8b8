import { parseFeatureDrifts } from "./parse.ts";
import type { PsiPoint } from "./types.ts";

/** A window of the list, as the trend needs it. */
interface TrendWindow {
  id: string;
  windowStart: Date;
  isTooFewRows: boolean;
}

/**
 * A feature's PSI over the windows (given newest first), oldest first: `matches` holds, per report
 * id, the report's entries named after the feature (read in SQL). Parsed as the whole report
 * would be, so the point is the one the report's feature list shows: its worst entry, 0 for a
 * score that is not a number, null when the feature is absent.
 */
export function buildTrend(
  windows: readonly TrendWindow[],
  matches: ReadonlyMap<string, unknown>,
): PsiPoint[] {
  return windows
    .map((window) => {
      const row = parseFeatureDrifts(matches.get(window.id))[0];
      return {
        windowStart: window.windowStart.toISOString(),
        psi: row?.psi ?? null,
        isTooFewRows: window.isTooFewRows,
        currentCount: row?.currentCount ?? 0,
      };
    })
    .reverse();
}
