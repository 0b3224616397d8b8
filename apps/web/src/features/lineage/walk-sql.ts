import { EDGE_SPECS, type EdgeSpec } from "./edges.ts";

/** One hop from the row `w` through an edge table, at most `$4 + 1` rows (enough to know it is too many). */
function branch(spec: EdgeSpec, side: "up" | "down"): string {
  const [from, to, match, read] =
    side === "up"
      ? [spec.down, spec.up, spec.downColumn, spec.upColumn]
      : [spec.up, spec.down, spec.upColumn, spec.downColumn];
  return `(SELECT DISTINCT '${to}' AS kind, e."${read}" AS id FROM "${spec.table}" e
      WHERE w.side = '${side}' AND w.kind = '${from}' AND e."${match}" = w.id AND e."${read}" IS NOT NULL${spec.where ? ` AND ${spec.where}` : ""}
      LIMIT $4 + 1)`;
}

/**
 * The walk from one node, in the database: WITH RECURSIVE over the edge tables, each hop an index
 * scan through a LATERAL union of one branch per edge kind (PostgreSQL allows the recursive
 * reference only once, so the branches read `w` laterally). A group larger than the cluster
 * threshold is marked `is_cut`: its rows say that it exists, and the walk does not go on through
 * them, so 400 partitions cost 9 rows here and one count later. `path` stops cycles.
 *
 * $1 kind, $2 id, $3 depth, $4 threshold, $5 sides ('up', 'down').
 */
export const WALK_SQL = `
WITH RECURSIVE walk(side, kind, id, depth, from_kind, from_id, path, is_cut) AS (
  SELECT s.side, $1::text, $2::text, 0, NULL::text, NULL::text, ARRAY[$1 || ':' || $2], false
  FROM unnest($5::text[]) AS s(side)
  UNION ALL
  SELECT w.side, n.kind, n.id, w.depth + 1, w.kind, w.id, w.path || (n.kind || ':' || n.id),
    n.siblings > $4
  FROM walk w
  CROSS JOIN LATERAL (
    SELECT x.kind, x.id, count(*) OVER (PARTITION BY x.kind) AS siblings
    FROM (
      ${EDGE_SPECS.flatMap((spec) => [branch(spec, "up"), branch(spec, "down")]).join("\n      UNION ALL\n      ")}
    ) x
  ) n
  WHERE w.depth < $3 AND NOT w.is_cut AND NOT (n.kind || ':' || n.id) = ANY(w.path)
)
SELECT side, kind, id, depth, from_kind, from_id, is_cut FROM walk WHERE depth > 0`;

export interface WalkRow {
  side: "up" | "down";
  kind: string;
  id: string;
  depth: number;
  from_kind: string;
  from_id: string;
  is_cut: boolean;
}
