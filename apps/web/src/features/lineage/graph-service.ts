import "server-only";
import type { Database } from "@pedigree/db";
import {
  buildLineageGraph,
  CLUSTER_PAGE_SIZE,
  CLUSTER_THRESHOLD,
  type Direction,
  type EntityKind,
  type FanOutGroup,
  formatClusterId,
  formatEdge,
  formatNodeId,
  type GraphEdge,
  type LineageGraph,
  parseClusterId,
  parseNodeId,
} from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { loadEntities } from "./entities.ts";
import { countGroup, loadGroupPage } from "./groups.ts";
import { WALK_SQL, type WalkRow } from "./walk-sql.ts";

export interface LineageGraphQuery {
  node: string;
  depth: number;
  direction: Direction;
  /** Expanded cluster ids and the page shown of each. */
  expand: ReadonlyMap<string, number>;
}

/**
 * The lineage graph around one node: the database walks the edges within `depth` (WITH
 * RECURSIVE, walk-sql.ts) and counts large groups instead of loading them; the domain clusters,
 * pages and trims (buildLineageGraph).
 */
export async function getLineageGraph(
  db: Database,
  query: LineageGraphQuery,
): Promise<LineageGraph> {
  const centre = parseNodeId(query.node);
  if (!centre) {
    throw new AppError(
      "INVALID_INPUT",
      `A node is <kind>:<id>, such as modelVersion:<id>; got ${query.node}`,
    );
  }
  const sides = query.direction === "both" ? ["up", "down"] : [query.direction];
  const rows = await db.sql.query<WalkRow>(WALK_SQL, [
    centre.kind,
    centre.key,
    query.depth,
    CLUSTER_THRESHOLD,
    sides,
  ]);

  const ids = new Map<EntityKind, Set<string>>([[centre.kind, new Set([centre.key])]]);
  const remember = (kind: EntityKind, key: string) => {
    const set = ids.get(kind);
    if (set) set.add(key);
    else ids.set(kind, new Set([key]));
  };
  const edges = new Map<string, GraphEdge>();
  const connect = (side: "up" | "down", from: string, to: string) => {
    const edge = side === "down" ? formatEdge(from, to) : formatEdge(to, from);
    edges.set(edge.id, edge);
  };
  const cut = new Map<
    string,
    {
      anchor: { kind: EntityKind; key: string; id: string };
      side: "up" | "down";
      memberKind: EntityKind;
    }
  >();
  for (const row of rows) {
    const kind = row.kind as EntityKind;
    const fromKind = row.from_kind as EntityKind;
    const fromId = formatNodeId(fromKind, row.from_id);
    if (row.is_cut) {
      const anchor = { kind: fromKind, key: row.from_id, id: fromId };
      cut.set(formatClusterId(fromId, row.side, kind), {
        anchor,
        side: row.side,
        memberKind: kind,
      });
      continue;
    }
    remember(kind, row.id);
    connect(row.side, fromId, formatNodeId(kind, row.id));
  }

  const counted = await Promise.all(
    [...cut].map(async ([clusterId, { anchor, side, memberKind }]) => {
      const group = await countGroup(db, anchor, side, memberKind);
      const pageIndex = query.expand.get(clusterId);
      if (pageIndex === undefined || !group) return { group, page: [] };
      const pageCount = Math.ceil(group.count / CLUSTER_PAGE_SIZE);
      const index = Math.min(pageIndex, Math.max(0, pageCount - 1));
      const page = await loadGroupPage(db, anchor, side, memberKind, {
        index,
        size: CLUSTER_PAGE_SIZE,
      });
      return { group, page: page.map((key) => ({ key, anchor, side, memberKind })) };
    }),
  );
  const groups: FanOutGroup[] = [];
  for (const { group, page } of counted) {
    if (group) groups.push(group);
    for (const member of page) {
      remember(member.memberKind, member.key);
      connect(member.side, member.anchor.id, formatNodeId(member.memberKind, member.key));
    }
  }

  const result = buildLineageGraph({
    centreId: formatNodeId(centre.kind, centre.key),
    depth: query.depth,
    direction: query.direction,
    nodes: await loadEntities(db, ids),
    edges: [...edges.values()],
    groups,
    expanded: query.expand,
  });
  if (!result.ok) throw new AppError("NOT_FOUND", `No lineage node ${query.node}`);
  return result.value;
}

/** `expand=<clusterId>@<page>,<clusterId>` (page 0 when left out); unknown ids are ignored. */
export function parseExpand(value: string | undefined): Map<string, number> {
  const expanded = new Map<string, number>();
  for (const item of (value ?? "").split(",")) {
    const at = item.lastIndexOf("@");
    const id = at > 0 ? item.slice(0, at) : item;
    const page = at > 0 ? Number(item.slice(at + 1)) : 0;
    if (parseClusterId(id) && Number.isInteger(page) && page >= 0) expanded.set(id, page);
  }
  return expanded;
}
