"use client";

import type { GraphNode } from "@pedigree/domain";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import { KIND_LABELS } from "./kind-labels.ts";

export type LineageFlowNode = Node<
  { node: GraphNode & { depth: number }; isCentre: boolean; isSelected: boolean },
  "lineage"
>;

/** One box: what it is (kind), its name, and marks for production, flagged and the centre. */
export function LineageNodeBox({ data }: NodeProps<LineageFlowNode>) {
  const { node, isCentre, isSelected } = data;
  const classes = [
    "lineage-node",
    `lineage-node-${node.kind}`,
    node.kind !== "cluster" && node.isProduction ? "lineage-node-production" : "",
    node.kind !== "cluster" && node.isFlagged ? "lineage-node-flagged" : "",
    isCentre ? "lineage-node-centre" : "",
    isSelected ? "lineage-node-selected" : "",
  ];
  return (
    <div className={classes.filter(Boolean).join(" ")} data-node-id={node.id}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="lineage-node-kind">
        {node.kind === "cluster" ? `${KIND_LABELS[node.memberKind]}s` : KIND_LABELS[node.kind]}
        {node.kind !== "cluster" && node.isProduction ? (
          <span className="lineage-node-badge">Production</span>
        ) : null}
        {node.kind !== "cluster" && node.isFlagged ? (
          <span className="lineage-node-badge lineage-node-badge-danger">Flagged</span>
        ) : null}
      </div>
      <div className="lineage-node-label" title={node.label}>
        {node.label}
      </div>
      {node.kind === "cluster" ? (
        <div className="lineage-node-hint">
          {node.page ? `page ${node.page.index + 1} of ${node.page.pageCount}` : "click to expand"}
        </div>
      ) : null}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}
