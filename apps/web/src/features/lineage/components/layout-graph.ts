import dagre from "@dagrejs/dagre";
import type { LineageGraph } from "@pedigree/domain";

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 58;

/** Left to right, upstream first: dagre ranks the nodes along the edges' direction. */
export function layoutGraph(graph: LineageGraph): Map<string, { x: number; y: number }> {
  const layout = new dagre.graphlib.Graph();
  layout.setGraph({ rankdir: "LR", nodesep: 18, ranksep: 70, marginx: 10, marginy: 10 });
  layout.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes)
    layout.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of graph.edges) layout.setEdge(edge.source, edge.target);
  dagre.layout(layout);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of graph.nodes) {
    const placed = layout.node(node.id);
    // dagre gives centres; React Flow places by the top-left corner.
    positions.set(node.id, { x: placed.x - NODE_WIDTH / 2, y: placed.y - NODE_HEIGHT / 2 });
  }
  return positions;
}
