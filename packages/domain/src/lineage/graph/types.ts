/** The things a lineage graph shows, upstream first: raw data, code and jobs feed runs, runs make models. */
export const ENTITY_KINDS = [
  "partition",
  "commit",
  "job",
  "datasetVersion",
  "run",
  "modelVersion",
  "deployment",
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** `<kind>:<key>`, stable across requests: the key is the row's own id. */
export type NodeId = string;

export type Direction = "up" | "down" | "both";

export interface EntityNode {
  id: NodeId;
  kind: EntityKind;
  label: string;
  /** Orders siblings and names a cluster's range: a partition key, a version number, a date. */
  sortKey: string;
  isProduction: boolean;
  /** A partition marked bad, or a version missing lineage. */
  isFlagged: boolean;
  /** What the side panel shows and links with (model name, version, uri, checksum ...). */
  facts: Record<string, string | number | null>;
}

/** Many neighbours of one kind on one side of `anchorId`, shown as one node. */
export interface ClusterNode {
  id: NodeId;
  kind: "cluster";
  memberKind: EntityKind;
  anchorId: NodeId;
  /** "up": the members feed the anchor (partitions of a dataset version); "down": they use it. */
  side: "up" | "down";
  count: number;
  /** First and last sort keys of all members, such as 2025-04-01 .. 2026-05-04. */
  range: { first: string; last: string } | null;
  label: string;
  /** Set when the cluster is expanded: which members are drawn beside it. */
  page: { index: number; size: number; pageCount: number } | null;
}

export type GraphNode = EntityNode | ClusterNode;

/** Always drawn from upstream (source) to downstream (target). */
export interface GraphEdge {
  id: string;
  source: NodeId;
  target: NodeId;
}

export interface LineageGraph {
  centreId: NodeId;
  nodes: (GraphNode & { depth: number })[];
  edges: GraphEdge[];
  /** Nodes left out to stay under the node limit (the farthest first). */
  trimmed: number;
}
