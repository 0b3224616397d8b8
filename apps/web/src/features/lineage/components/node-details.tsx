"use client";

import type { GraphNode } from "@pedigree/domain";
import Link from "next/link";
import { modelPath } from "../../models/model-path.ts";
import { KIND_LABELS } from "./kind-labels.ts";

/** Links out of the graph: the model page, the run page, impact analysis, the commit. */
function NodeLinks({ node }: { node: GraphNode }) {
  if (node.kind === "cluster") return null;
  const f = node.facts;
  const key = node.id.slice(node.id.indexOf(":") + 1);
  const links: { href: string; label: string; external?: boolean }[] = [];
  if (node.kind === "modelVersion" && typeof f.model === "string") {
    links.push({ href: modelPath(f.model), label: "Model page" });
    links.push({ href: `${modelPath(f.model)}?version=${f.version}`, label: "Trained on" });
  }
  if (node.kind === "run")
    links.push({ href: `/runs/${encodeURIComponent(key)}`, label: "Run page" });
  if (node.kind === "partition" && typeof f.uri === "string") {
    links.push({
      href: `/impact?partition=${encodeURIComponent(f.uri)}`,
      label: "Impact analysis",
    });
  }
  if (node.kind === "datasetVersion") {
    links.push({
      href: `/impact?datasetVersion=${encodeURIComponent(key)}`,
      label: "Impact analysis",
    });
  }
  if (node.kind === "commit" && typeof f.repo === "string" && /^https?:\/\//.test(f.repo)) {
    links.push({
      href: `${f.repo.replace(/\/$/, "")}/commit/${f.sha}`,
      label: "Commit in its repository",
      external: true,
    });
  }
  if (links.length === 0) return null;
  return (
    <ul className="lineage-panel-links">
      {links.map((link) => (
        <li key={link.href}>
          {link.external ? (
            <a href={link.href}>{link.label}</a>
          ) : (
            <Link href={link.href}>{link.label}</Link>
          )}
        </li>
      ))}
    </ul>
  );
}

export function NodeDetails({
  node,
  isCentre,
  onCentre,
  onPage,
  onClose,
}: {
  node: GraphNode;
  isCentre: boolean;
  onCentre: () => void;
  onPage: (page: number | null) => void;
  onClose: () => void;
}) {
  return (
    <aside className="lineage-panel" aria-label="Node details">
      <div className="lineage-panel-head">
        <span className="muted">
          {node.kind === "cluster" ? "Cluster" : KIND_LABELS[node.kind]}
        </span>
        <button
          type="button"
          className="button button-quiet"
          onClick={onClose}
          aria-label="Close details"
        >
          ×
        </button>
      </div>
      <h2>{node.label}</h2>
      {node.kind === "cluster" ? (
        <>
          <p>
            {node.count.toLocaleString("en")} {KIND_LABELS[node.memberKind].toLowerCase()}s
            {node.range ? ` from ${node.range.first} to ${node.range.last}` : ""}.
          </p>
          {node.page ? (
            <div className="lineage-panel-actions">
              <button
                type="button"
                className="button"
                disabled={node.page.index === 0}
                onClick={() => onPage((node.page?.index ?? 1) - 1)}
              >
                Previous page
              </button>
              <span>
                Page {node.page.index + 1} of {node.page.pageCount}
              </span>
              <button
                type="button"
                className="button"
                disabled={node.page.index + 1 >= node.page.pageCount}
                onClick={() => onPage((node.page?.index ?? 0) + 1)}
              >
                Next page
              </button>
              <button type="button" className="button button-quiet" onClick={() => onPage(null)}>
                Collapse
              </button>
            </div>
          ) : (
            <button type="button" className="button button-primary" onClick={() => onPage(0)}>
              Expand
            </button>
          )}
        </>
      ) : (
        <>
          {node.isProduction ? <p className="lineage-panel-production">In production</p> : null}
          {node.isFlagged ? <p className="lineage-panel-flagged">Flagged</p> : null}
          <dl className="lineage-panel-facts">
            {Object.entries(node.facts)
              .filter(([, value]) => value !== null && value !== "")
              .map(([key, value]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd className="mono">
                    {typeof value === "number" ? value.toLocaleString("en") : value}
                  </dd>
                </div>
              ))}
          </dl>
          <NodeLinks node={node} />
          {isCentre ? null : (
            <button type="button" className="button button-primary" onClick={onCentre}>
              Centre the graph here
            </button>
          )}
        </>
      )}
    </aside>
  );
}
