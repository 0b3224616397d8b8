"use client";

import "@xyflow/react/dist/style.css";
import "./lineage.css";
import type { Direction, LineageGraph } from "@pedigree/domain";
import { Background, Controls, type Edge, ReactFlow } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useMemo, useTransition } from "react";
import { formatExpand, formatLineageUrl, type LineageUrlState } from "../url-state.ts";
import { layoutGraph } from "./layout-graph.ts";
import { type LineageFlowNode, LineageNodeBox } from "./lineage-node.tsx";
import { NodeDetails } from "./node-details.tsx";

const NODE_TYPES = { lineage: LineageNodeBox };

/** URL state as plain data, so the server page can hand it to this client component. */
export interface SerializedUrlState {
  node: string;
  depth: number;
  direction: Direction;
  expand: [string, number][];
  selected: string | null;
}

/**
 * The graph, drawn by React Flow and laid out by dagre. Every change (depth, direction, a
 * cluster expanded or paged, a node selected or centred) is a new URL; the server page answers
 * it with the graph, so the view can be shared and reloaded.
 */
export function LineageExplorer({
  graph,
  state,
}: {
  graph: LineageGraph;
  state: SerializedUrlState;
}) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const current: LineageUrlState = { ...state, expand: new Map(state.expand) };
  const go = (next: Partial<LineageUrlState>) =>
    startTransition(() =>
      router.push(formatLineageUrl({ ...current, ...next }), { scroll: false }),
    );

  const { nodes, edges } = useMemo(() => {
    const positions = layoutGraph(graph);
    const nodes: LineageFlowNode[] = graph.nodes.map((node) => ({
      id: node.id,
      type: "lineage",
      position: positions.get(node.id) ?? { x: 0, y: 0 },
      data: { node, isCentre: node.id === graph.centreId, isSelected: node.id === state.selected },
      draggable: false,
      connectable: false,
    }));
    const edges: Edge[] = graph.edges.map((edge) => ({ ...edge, type: "smoothstep" }));
    return { nodes, edges };
  }, [graph, state.selected]);

  const selected = graph.nodes.find((node) => node.id === state.selected) ?? null;
  const setPage = (clusterId: string, page: number | null) => {
    const expand = new Map(current.expand);
    if (page === null) expand.delete(clusterId);
    else expand.set(clusterId, page);
    go({ expand, selected: clusterId });
  };

  return (
    <div className="lineage-explorer">
      <form
        className="lineage-controls"
        aria-label="Graph controls"
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          Depth{" "}
          <select
            value={state.depth}
            onChange={(event) => go({ depth: Number(event.target.value) })}
            aria-label="Depth"
          >
            {[1, 2, 3, 4, 5].map((depth) => (
              <option key={depth} value={depth}>
                {depth}
              </option>
            ))}
          </select>
        </label>
        <label>
          Direction{" "}
          <select
            value={state.direction}
            onChange={(event) => go({ direction: event.target.value as Direction })}
            aria-label="Direction"
          >
            <option value="both">Upstream and downstream</option>
            <option value="up">Upstream only</option>
            <option value="down">Downstream only</option>
          </select>
        </label>
        <span className="muted" role="status" aria-live="polite">
          {isPending
            ? "Loading…"
            : `${graph.nodes.length} nodes${graph.trimmed ? `, ${graph.trimmed} more left out (over the limit)` : ""}`}
        </span>
      </form>
      <div className="lineage-body">
        <div className={`lineage-canvas${isPending ? " lineage-canvas-pending" : ""}`}>
          <ReactFlow
            // A new graph (other centre, depth or clusters) is fitted to the view again;
            // selecting a node keeps the view where it is.
            key={`${graph.centreId}|${state.depth}|${state.direction}|${formatExpand(current.expand)}`}
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES}
            fitView
            minZoom={0.1}
            nodesDraggable={false}
            nodesConnectable={false}
            proOptions={{ hideAttribution: true }}
            onNodeClick={(_, flowNode) => {
              const node = flowNode.data.node;
              // A cluster expands on click (its first page); any other node opens its details.
              if (node.kind === "cluster" && !node.page) setPage(node.id, 0);
              else go({ selected: node.id });
            }}
          >
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
        {selected ? (
          <NodeDetails
            node={selected}
            isCentre={selected.id === graph.centreId}
            onCentre={() => go({ node: selected.id, expand: new Map(), selected: selected.id })}
            onPage={(page) => setPage(selected.id, page)}
            onClose={() => go({ selected: null })}
          />
        ) : null}
      </div>
    </div>
  );
}
