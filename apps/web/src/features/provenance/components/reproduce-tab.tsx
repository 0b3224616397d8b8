"use client";

import type { ReproduceManifest } from "@pedigree/domain";
import { useEffect, useState } from "react";
import { CopyButton } from "./copy-button.tsx";
import { PartitionDetails } from "./partition-details.tsx";

type ManifestState =
  | { status: "loading" }
  | { status: "done"; manifest: ReproduceManifest }
  | { status: "failed"; message: string };

/** The shell commands that bring the code and the data back, from the manifest. */
function describeSteps(manifest: ReproduceManifest): string {
  const lines: string[] = [];
  if (manifest.commit) {
    lines.push(`git clone ${manifest.commit.repo} && git checkout ${manifest.commit.sha}`);
  }
  for (const dataset of manifest.datasetVersions) {
    if (dataset.dvc) {
      const rev = dataset.dvc.rev ? ` --rev ${dataset.dvc.rev}` : "";
      lines.push(`dvc pull${rev} ${dataset.dvc.paths.join(" ")}`.trim());
    }
    for (const lakefs of dataset.lakefs) {
      lines.push(
        `# lakeFS ${lakefs.repository} at commit ${lakefs.commit}: ${lakefs.paths.join(" ")}`,
      );
    }
    if (!dataset.dvc && dataset.lakefs.length === 0) {
      lines.push(
        `# ${dataset.name} ${dataset.id}: ${dataset.partitions.length} partitions, listed below`,
      );
    }
  }
  if (manifest.run?.command) lines.push(manifest.run.command);
  return lines.join("\n");
}

/**
 * The recipe to rebuild a version, from GET /api/v1/models/{name}/versions/{version}/manifest:
 * the commit, the data (partition list, DVC or lakeFS reference), the params and the command.
 */
export function ReproduceTab({ url }: { url: string }) {
  const [state, setState] = useState<ManifestState>({ status: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    fetch(url, { signal: controller.signal, headers: { accept: "application/json" } })
      .then(async (response) => {
        const body: unknown = await response.json().catch(() => null);
        if (!response.ok) {
          const message =
            (body as { error?: { message?: string } } | null)?.error?.message ??
            `The server answered ${response.status}`;
          throw new Error(message);
        }
        setState({ status: "done", manifest: body as ReproduceManifest });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: "failed",
          message: error instanceof Error ? error.message : "The manifest could not be loaded",
        });
      });
    return () => controller.abort();
  }, [url]);

  if (state.status === "loading") {
    return (
      <p className="muted" role="status">
        Loading the manifest…
      </p>
    );
  }
  if (state.status === "failed") {
    return (
      <p role="alert" className="trained-on-missing">
        No manifest: {state.message}
      </p>
    );
  }
  const { manifest } = state;
  const steps = describeSteps(manifest);
  const json = JSON.stringify(manifest, null, 2);
  return (
    <div className="reproduce">
      <p>
        <a className="button" href={`${url}${url.includes("?") ? "&" : "?"}download=1`} download>
          Download manifest (JSON)
        </a>{" "}
        <CopyButton text={json} label="Copy manifest" />
      </p>
      <h3>Steps</h3>
      <pre className="reproduce-steps">{steps || "# nothing recorded to reproduce from"}</pre>
      <CopyButton text={steps} label="Copy steps" />
      <dl className="trained-on-facts">
        <div>
          <dt>Commit</dt>
          <dd className="mono">
            {manifest.commit ? `${manifest.commit.repo} ${manifest.commit.sha}` : "not recorded"}
          </dd>
        </div>
        {manifest.datasetVersions.map((dataset) => (
          <div key={`${dataset.context}:${dataset.id}`}>
            <dt>Data ({dataset.context})</dt>
            <dd>
              {dataset.name} <code>{dataset.id}</code>
              {dataset.sourceUri ? <div className="mono">{dataset.sourceUri}</div> : null}
              <PartitionDetails
                summary={`${dataset.partitions.length} partitions`}
                partitions={dataset.partitions}
              />
            </dd>
          </div>
        ))}
        <div>
          <dt>Params</dt>
          <dd className="mono">
            {Object.entries(manifest.params)
              .map(([key, value]) => `${key}=${value}`)
              .join(" · ") || "none"}
          </dd>
        </div>
        <div>
          <dt>Command</dt>
          <dd className="mono">{manifest.run?.command ?? "not recorded"}</dd>
        </div>
      </dl>
    </div>
  );
}
