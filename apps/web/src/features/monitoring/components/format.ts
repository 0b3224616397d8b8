// Numbers and times as the monitoring pages show them.
import type { Breach } from "@pedigree/domain";

export function formatValue(kind: Breach["kind"], value: number): string {
  if (kind === "MISSING_SHARE") return `+${value.toFixed(1)} pts`;
  if (kind === "DATASET_DRIFT") return `${(value * 100).toFixed(0)}%`;
  return value.toFixed(3);
}

export function formatInstant(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDay(iso: string): string {
  return iso.slice(0, 10);
}

/** "amount 0.412, tenure 0.305 (+2 more)". */
export function summarizeBreach(breach: Breach, limit = 3): string {
  const shown = breach.observations
    .slice(0, limit)
    .map((observation) => `${observation.subject} ${formatValue(breach.kind, observation.value)}`);
  const more = Math.max(breach.observationCount ?? 0, breach.observations.length) - shown.length;
  return more > 0 ? `${shown.join(", ")} (+${more} more)` : shown.join(", ");
}
