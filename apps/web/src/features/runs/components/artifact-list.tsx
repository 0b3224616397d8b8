"use client";

import { Fragment, useState } from "react";
import type { RunArtifact } from "../run-detail.ts";
import { ArtifactPreview } from "./artifact-preview.tsx";
import styles from "./artifacts.module.css";
import { formatBytes } from "./format-value.ts";

/**
 * A run's artifacts: path, size, SHA-256, a download link, and for text and image files a
 * Preview button that loads the preview below the row only when pressed.
 */
export function ArtifactList({ artifacts }: { artifacts: RunArtifact[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (path: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(path)) next.add(path);
      return next;
    });
  if (artifacts.length === 0) return <p className="muted">No artifacts recorded.</p>;
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Artifacts">
        <thead>
          <tr>
            <th scope="col">Path</th>
            <th scope="col">Size</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {artifacts.map((artifact, index) => {
            const isOpen = open.has(artifact.path);
            const previewId = `artifact-preview-${index}`;
            return (
              <Fragment key={artifact.path}>
                <tr>
                  <th scope="row">{artifact.path}</th>
                  <td>{formatBytes(artifact.size)}</td>
                  <td>
                    <code title={artifact.sha256}>{artifact.sha256.slice(0, 12)}</code>
                  </td>
                  <td>
                    <span className={styles.actions}>
                      {artifact.url && artifact.preview ? (
                        <button
                          type="button"
                          aria-expanded={isOpen}
                          aria-controls={previewId}
                          aria-label={`${isOpen ? "Hide" : "Preview"} ${artifact.path}`}
                          onClick={() => toggle(artifact.path)}
                        >
                          {isOpen ? "Hide" : "Preview"}
                        </button>
                      ) : null}
                      {artifact.url ? (
                        <a
                          href={`${artifact.url}?download=1`}
                          download
                          aria-label={`Download ${artifact.path}`}
                        >
                          Download
                        </a>
                      ) : (
                        <span className="muted">stored elsewhere</span>
                      )}
                    </span>
                  </td>
                </tr>
                {isOpen && artifact.url && artifact.preview ? (
                  <tr id={previewId}>
                    <td colSpan={4} className={styles.previewCell}>
                      <ArtifactPreview
                        kind={artifact.preview}
                        url={artifact.url}
                        path={artifact.path}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
