import { describe, expect, it } from "vitest";
import { buildLineageGraph, type LineageGraphInput } from "./build-lineage-graph.ts";
import {
  formatClusterId,
  formatEdge,
  formatNodeId,
  parseClusterId,
  parseNodeId,
} from "./node-id.ts";
import type { EntityKind, EntityNode, LineageGraph } from "./types.ts";

function node(kind: EntityKind, key: string, sortKey = key): EntityNode {
  return {
    id: formatNodeId(kind, key),
    kind,
    label: key,
    sortKey,
    isProduction: false,
    isFlagged: false,
    facts: {},
  };
}

/** days partitions -> dataset version -> run -> model version -> deployment, plus a commit. */
function chain(days: number) {
  const partitions = Array.from({ length: days }, (_, i) => {
    const day = new Date(Date.UTC(2025, 3, 1 + i)).toISOString().slice(0, 10);
    return node("partition", `p${i}`, `dt=${day}`);
  });
  const nodes = [
    ...partitions,
    node("datasetVersion", "dv"),
    node("commit", "c"),
    node("run", "r"),
    node("modelVersion", "mv"),
    node("deployment", "d"),
  ];
  const edges = [
    ...partitions.map((p) => formatEdge(p.id, "datasetVersion:dv")),
    formatEdge("commit:c", "run:r"),
    formatEdge("datasetVersion:dv", "run:r"),
    formatEdge("run:r", "modelVersion:mv"),
    formatEdge("modelVersion:mv", "deployment:d"),
  ];
  return { nodes, edges };
}

function build(
  input: Partial<LineageGraphInput> & Pick<LineageGraphInput, "centreId">,
): LineageGraph {
  const result = buildLineageGraph({ depth: 2, direction: "both", ...chain(400), ...input });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

const ids = (graph: LineageGraph) => graph.nodes.map((n) => n.id).sort();

describe("buildLineageGraph: depth", () => {
  it("keeps only the nodes within depth hops, each at its smallest depth", () => {
    const graph = build({ centreId: "modelVersion:mv", depth: 2 });
    expect(ids(graph)).toEqual(
      ["commit:c", "datasetVersion:dv", "deployment:d", "modelVersion:mv", "run:r"].sort(),
    );
    expect(graph.nodes.find((n) => n.id === "datasetVersion:dv")?.depth).toBe(2);
    expect(graph.nodes.find((n) => n.id === "deployment:d")?.depth).toBe(1);
    const shallow = build({ centreId: "modelVersion:mv", depth: 1 });
    expect(ids(shallow)).toEqual(["deployment:d", "modelVersion:mv", "run:r"]);
  });

  it("follows one direction only when asked, and never walks to siblings", () => {
    const up = build({ centreId: "run:r", depth: 5, direction: "up" });
    expect(ids(up)).not.toContain("modelVersion:mv");
    expect(ids(up)).toContain("commit:c");
    const down = build({ centreId: "run:r", depth: 5, direction: "down" });
    expect(ids(down)).toEqual(["deployment:d", "modelVersion:mv", "run:r"]);
    // From the commit, down reaches the run but not the dataset version beside it.
    const fromCommit = build({ centreId: "commit:c", depth: 5, direction: "both" });
    expect(ids(fromCommit)).not.toContain("datasetVersion:dv");
  });

  it("answers NODE_NOT_FOUND for a centre that is not in the nodes", () => {
    const result = buildLineageGraph({
      centreId: "run:none",
      depth: 2,
      direction: "both",
      ...chain(1),
    });
    expect(result).toEqual({ ok: false, error: { code: "NODE_NOT_FOUND", nodeId: "run:none" } });
  });
});

describe("buildLineageGraph: cycles", () => {
  it("visits each node of a cycle once and stops", () => {
    const nodes = [node("run", "a"), node("datasetVersion", "b"), node("run", "c")];
    const edges = [
      formatEdge("run:a", "datasetVersion:b"),
      formatEdge("datasetVersion:b", "run:c"),
      formatEdge("run:c", "run:a"),
    ];
    const result = buildLineageGraph({
      centreId: "run:a",
      depth: 5,
      direction: "both",
      nodes,
      edges,
    });
    if (!result.ok) throw new Error("expected a graph");
    expect(result.value.nodes.map((n) => [n.id, n.depth])).toEqual([
      ["run:a", 0],
      ["run:c", 1],
      ["datasetVersion:b", 1],
    ]);
    expect(result.value.edges).toHaveLength(3);
  });
});

describe("buildLineageGraph: clusters", () => {
  it("collapses 400 partitions into one cluster node with their count and date range", () => {
    const graph = build({ centreId: "datasetVersion:dv", depth: 2 });
    const clusters = graph.nodes.filter((n) => n.kind === "cluster");
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      id: "cluster:up:partition:datasetVersion:dv",
      count: 400,
      label: "400 partitions, 2025-04-01 .. 2026-05-05",
      page: null,
    });
    expect(graph.nodes.some((n) => n.kind === "partition")).toBe(false);
    expect(graph.edges).toContainEqual(
      formatEdge("cluster:up:partition:datasetVersion:dv", "datasetVersion:dv"),
    );
  });

  it("leaves a group at the threshold alone", () => {
    const graph = build({ ...chain(8), centreId: "datasetVersion:dv", depth: 1 });
    expect(graph.nodes.filter((n) => n.kind === "partition")).toHaveLength(8);
    expect(graph.nodes.some((n) => n.kind === "cluster")).toBe(false);
  });

  it("draws one page of an expanded cluster, in sort order, beside the cluster", () => {
    const clusterId = "cluster:up:partition:datasetVersion:dv";
    const graph = build({ centreId: "datasetVersion:dv", expanded: new Map([[clusterId, 1]]) });
    const partitions = graph.nodes.filter((n) => n.kind === "partition");
    expect(partitions).toHaveLength(50);
    expect(partitions[0]?.id).toBe("partition:p50");
    expect(graph.nodes.find((n) => n.id === clusterId)).toMatchObject({
      page: { index: 1, size: 50, pageCount: 8 },
    });
    expect(graph.edges).toContainEqual(formatEdge("partition:p50", "datasetVersion:dv"));
  });

  it("uses the database's count and range for a group it did not load", () => {
    const { nodes, edges } = chain(0);
    const graph = build({
      centreId: "run:r",
      nodes,
      edges,
      groups: [
        {
          anchorId: "datasetVersion:dv",
          side: "up",
          memberKind: "partition",
          count: 1_000_000,
          range: { first: "dt=2020-01-01", last: "dt=2026-01-01" },
        },
      ],
    });
    expect(graph.nodes.find((n) => n.kind === "cluster")).toMatchObject({
      label: "1,000,000 partitions, 2020-01-01 .. 2026-01-01",
      depth: 2,
    });
  });

  it("never hands out more than the node limit, keeping the nearest", () => {
    const clusterId = "cluster:up:partition:datasetVersion:dv";
    const graph = build({
      centreId: "datasetVersion:dv",
      expanded: new Map([[clusterId, 0]]),
      limits: { pageSize: 400, maxNodes: 300 },
    });
    expect(graph.nodes).toHaveLength(300);
    // The centre, the cluster, 400 partitions, the run and the model version: 404.
    expect(graph.trimmed).toBe(104);
    expect(graph.nodes[0]?.id).toBe("datasetVersion:dv");
    const kept = new Set(graph.nodes.map((n) => n.id));
    expect(graph.edges.every((e) => kept.has(e.source) && kept.has(e.target))).toBe(true);
  });
});

describe("node ids", () => {
  it("round-trip and refuse what is not one", () => {
    expect(parseNodeId(formatNodeId("modelVersion", "abc:1"))).toEqual({
      kind: "modelVersion",
      key: "abc:1",
    });
    expect(parseNodeId("table:x")).toBeNull();
    expect(parseNodeId("run:")).toBeNull();
    const cluster = formatClusterId("datasetVersion:dv", "up", "partition");
    expect(parseClusterId(cluster)).toEqual({
      anchorId: "datasetVersion:dv",
      side: "up",
      memberKind: "partition",
    });
    expect(parseClusterId("cluster:up:table:run:r")).toBeNull();
  });
});
