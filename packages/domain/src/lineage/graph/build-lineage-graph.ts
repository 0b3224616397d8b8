import { err, ok, type Result } from "../../result.ts";
import { formatClusterLabel } from "./cluster-label.ts";
import { formatClusterId, formatEdge } from "./node-id.ts";
import type {
  ClusterNode,
  Direction,
  EntityKind,
  EntityNode,
  GraphEdge,
  GraphNode,
  LineageGraph,
  NodeId,
} from "./types.ts";

/** More neighbours of one kind than this on one side of a node become one cluster node. */
export const CLUSTER_THRESHOLD = 8;
/** Members drawn per page of an expanded cluster. */
export const CLUSTER_PAGE_SIZE = 50;
/** The browser never gets more nodes than this. */
export const MAX_GRAPH_NODES = 300;

/**
 * A neighbour group the database counted instead of loading (it loads at most one page of it):
 * `count` and `range` describe all members.
 */
export interface FanOutGroup {
  anchorId: NodeId;
  side: "up" | "down";
  memberKind: EntityKind;
  count: number;
  range: { first: string; last: string } | null;
}

export interface LineageGraphInput {
  centreId: NodeId;
  depth: number;
  direction: Direction;
  nodes: readonly EntityNode[];
  edges: readonly GraphEdge[];
  groups?: readonly FanOutGroup[];
  /** Expanded clusters and the page shown of each (0-based). */
  expanded?: ReadonlyMap<NodeId, number>;
  limits?: { clusterThreshold?: number; pageSize?: number; maxNodes?: number };
}

export type LineageGraphError = { code: "NODE_NOT_FOUND"; nodeId: NodeId };

type Side = "up" | "down";

/**
 * The graph the browser draws: the nodes within `depth` hops of the centre, walked breadth-first
 * on each side on its own (a sibling through a shared parent is not lineage of the centre).
 * Each node is visited once per side, at its smallest depth, so a cycle ends the walk instead of
 * looping. A group of more than `clusterThreshold` neighbours of one kind collapses into one
 * cluster node; an expanded cluster also draws one page of its members (not walked further:
 * re-centre on one to follow it). Past `maxNodes` the farthest nodes are left out.
 */
export function buildLineageGraph(
  input: LineageGraphInput,
): Result<LineageGraph, LineageGraphError> {
  const entities = new Map(input.nodes.map((node) => [node.id, node]));
  const centre = entities.get(input.centreId);
  if (!centre) return err({ code: "NODE_NOT_FOUND", nodeId: input.centreId });
  const threshold = input.limits?.clusterThreshold ?? CLUSTER_THRESHOLD;
  const pageSize = input.limits?.pageSize ?? CLUSTER_PAGE_SIZE;
  const maxNodes = input.limits?.maxNodes ?? MAX_GRAPH_NODES;
  const expanded = input.expanded ?? new Map<NodeId, number>();
  const groups = new Map(
    (input.groups ?? []).map((g) => [formatClusterId(g.anchorId, g.side, g.memberKind), g]),
  );
  const neighbours = { down: indexEdges(input.edges, "down"), up: indexEdges(input.edges, "up") };

  const placed = new Map<NodeId, GraphNode & { depth: number }>([
    [centre.id, { ...centre, depth: 0 }],
  ]);
  const edges = new Map<string, GraphEdge>();
  const place = (node: GraphNode, depth: number) => {
    const known = placed.get(node.id);
    if (!known || known.depth > depth) placed.set(node.id, { ...node, depth });
  };
  const connect = (side: Side, from: NodeId, to: NodeId) => {
    const edge = side === "down" ? formatEdge(from, to) : formatEdge(to, from);
    edges.set(edge.id, edge);
  };

  const sides: Side[] = input.direction === "both" ? ["up", "down"] : [input.direction];
  for (const side of sides) {
    const seen = new Set<NodeId>([centre.id]);
    let frontier: NodeId[] = [centre.id];
    for (let depth = 1; depth <= input.depth && frontier.length > 0; depth += 1) {
      const next: NodeId[] = [];
      for (const anchorId of frontier) {
        for (const [kind, members] of groupByKind(anchorId, side)) {
          const clusterId = formatClusterId(anchorId, side, kind);
          const counted = groups.get(clusterId);
          const count = Math.max(counted?.count ?? 0, members.length);
          if (count <= threshold) {
            for (const member of members) {
              connect(side, anchorId, member.id);
              if (seen.has(member.id)) continue;
              seen.add(member.id);
              place(member, depth);
              next.push(member.id);
            }
            continue;
          }
          const pageIndex = expanded.get(clusterId);
          const pageCount = Math.ceil(count / pageSize);
          const cluster: ClusterNode = {
            id: clusterId,
            kind: "cluster",
            memberKind: kind,
            anchorId,
            side,
            count,
            range: counted ? counted.range : rangeOf(members),
            label: formatClusterLabel(kind, count, counted ? counted.range : rangeOf(members)),
            page:
              pageIndex === undefined
                ? null
                : { index: Math.min(pageIndex, pageCount - 1), size: pageSize, pageCount },
          };
          place(cluster, depth);
          connect(side, anchorId, clusterId);
          if (!cluster.page) continue;
          // The database loads only the page asked for; in memory, every member is here.
          const page = counted
            ? members.slice(0, pageSize)
            : members.slice(cluster.page.index * pageSize, (cluster.page.index + 1) * pageSize);
          for (const member of page) {
            connect(side, anchorId, member.id);
            seen.add(member.id);
            place(member, depth);
          }
        }
      }
      frontier = next;
    }
  }

  function groupByKind(anchorId: NodeId, side: Side): Map<EntityKind, EntityNode[]> {
    const byKind = new Map<EntityKind, EntityNode[]>();
    for (const id of neighbours[side].get(anchorId) ?? []) {
      const node = entities.get(id);
      if (!node) continue;
      const list = byKind.get(node.kind);
      if (list) list.push(node);
      else byKind.set(node.kind, [node]);
    }
    for (const group of groups.values()) {
      if (group.anchorId === anchorId && group.side === side && !byKind.has(group.memberKind)) {
        byKind.set(group.memberKind, []);
      }
    }
    for (const list of byKind.values()) list.sort(compareNodes);
    return byKind;
  }

  return ok(trim(input.centreId, [...placed.values()], [...edges.values()], maxNodes));
}

function indexEdges(edges: readonly GraphEdge[], side: Side): Map<NodeId, NodeId[]> {
  const index = new Map<NodeId, NodeId[]>();
  for (const edge of edges) {
    const [from, to] = side === "down" ? [edge.source, edge.target] : [edge.target, edge.source];
    const list = index.get(from);
    if (list) list.push(to);
    else index.set(from, [to]);
  }
  return index;
}

function compareNodes(a: EntityNode, b: EntityNode): number {
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : 1;
}

function rangeOf(members: readonly EntityNode[]): { first: string; last: string } | null {
  const first = members[0];
  const last = members[members.length - 1];
  return first && last ? { first: first.sortKey, last: last.sortKey } : null;
}

/** Keeps the nearest `maxNodes` (the centre always), and the edges between kept nodes. */
function trim(
  centreId: NodeId,
  nodes: (GraphNode & { depth: number })[],
  edges: GraphEdge[],
  maxNodes: number,
): LineageGraph {
  const ordered = nodes.sort(
    (a, b) => a.depth - b.depth || (a.id === centreId ? -1 : b.id === centreId ? 1 : 0),
  );
  const kept = ordered.slice(0, Math.max(1, maxNodes));
  const ids = new Set(kept.map((node) => node.id));
  return {
    centreId,
    nodes: kept,
    edges: edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    trimmed: nodes.length - kept.length,
  };
}
