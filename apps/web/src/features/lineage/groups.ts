import "server-only";
import type { Database } from "@pedigree/db";
import type { EntityKind, FanOutGroup } from "@pedigree/domain";
import { EDGE_SPECS } from "./edges.ts";
import { KIND_TABLES } from "./entities.ts";

/** The edge table, columns and member table behind one neighbour group of a node. */
function groupSource(anchorKind: EntityKind, side: "up" | "down", memberKind: EntityKind) {
  const spec = EDGE_SPECS.find((s) =>
    side === "up"
      ? s.down === anchorKind && s.up === memberKind
      : s.up === anchorKind && s.down === memberKind,
  );
  if (!spec) return null;
  const [match, read] =
    side === "up" ? [spec.downColumn, spec.upColumn] : [spec.upColumn, spec.downColumn];
  const members = `SELECT DISTINCT e."${read}" AS id FROM "${spec.table}" e
    WHERE e."${match}" = $1${spec.where ? ` AND ${spec.where}` : ""}`;
  const { table, sortKey } = KIND_TABLES[memberKind];
  return { members, table, sortKey: `(${sortKey}) COLLATE "C"` };
}

/** How many members a group has and the first and last sort keys, counted in the database. */
export async function countGroup(
  db: Database,
  anchor: { kind: EntityKind; key: string; id: string },
  side: "up" | "down",
  memberKind: EntityKind,
): Promise<FanOutGroup | null> {
  const source = groupSource(anchor.kind, side, memberKind);
  if (!source) return null;
  const [row] = await db.sql.query<{ count: number; first: string | null; last: string | null }>(
    `SELECT count(*)::int AS count, min(${source.sortKey}) AS first, max(${source.sortKey}) AS last
     FROM (${source.members}) x JOIN "${source.table}" m ON m.id = x.id`,
    [anchor.key],
  );
  if (!row) return null;
  const range =
    row.first !== null && row.last !== null ? { first: row.first, last: row.last } : null;
  return { anchorId: anchor.id, side, memberKind, count: row.count, range };
}

/** One page of a group's member ids, in the order the domain sorts them. */
export async function loadGroupPage(
  db: Database,
  anchor: { kind: EntityKind; key: string },
  side: "up" | "down",
  memberKind: EntityKind,
  page: { index: number; size: number },
): Promise<string[]> {
  const source = groupSource(anchor.kind, side, memberKind);
  if (!source) return [];
  const rows = await db.sql.query<{ id: string }>(
    `SELECT m.id FROM (${source.members}) x JOIN "${source.table}" m ON m.id = x.id
     ORDER BY ${source.sortKey}, m.id COLLATE "C" LIMIT $2 OFFSET $3`,
    [anchor.key, page.size, page.index * page.size],
  );
  return rows.map((row) => row.id);
}
