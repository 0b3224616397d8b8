import type { DatabaseTarget } from "@pedigree/db";

/** The target for humans, without the password of a server URL. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "embedded") return `embedded PGlite at ${target.dataDir ?? "(in memory)"}`;
  const url = new URL(target.url);
  if (url.password) url.password = "***";
  return `PostgreSQL at ${url.toString()}`;
}
