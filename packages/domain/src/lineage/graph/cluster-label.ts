import type { EntityKind } from "./types.ts";

const PLURALS: Record<EntityKind, [string, string]> = {
  partition: ["partition", "partitions"],
  commit: ["commit", "commits"],
  job: ["job", "jobs"],
  datasetVersion: ["dataset version", "dataset versions"],
  run: ["run", "runs"],
  modelVersion: ["model version", "model versions"],
  deployment: ["deployment", "deployments"],
};

export function countKind(kind: EntityKind, count: number): string {
  const [one, many] = PLURALS[kind];
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

/** `dt=2025-04-01` reads as `2025-04-01`: a Hive-style key's name says nothing in a range. */
function formatRangeKey(key: string): string {
  return key.replace(/^[A-Za-z_][\w-]*=/, "");
}

/** "400 partitions, 2025-04-01 .. 2026-05-04". */
export function formatClusterLabel(
  kind: EntityKind,
  count: number,
  range: { first: string; last: string } | null,
): string {
  const counted = countKind(kind, count);
  if (!range) return counted;
  const first = formatRangeKey(range.first);
  const last = formatRangeKey(range.last);
  return first === last ? `${counted}, ${first}` : `${counted}, ${first} .. ${last}`;
}
