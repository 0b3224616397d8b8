import Link from "next/link";
import { lineageHref } from "../../lineage/url-state.ts";
import type { ProvenanceView } from "../types.ts";
import { CopyButton } from "./copy-button.tsx";
import { PartitionDetails } from "./partition-details.tsx";
import "./provenance.css";

const MISSING_TEXT: Record<ProvenanceView["missing"][number], string> = {
  run: "No training run is recorded",
  datasetVersion: "No training dataset version is recorded",
  commit: "No code commit is recorded",
};

/** The first and last partition keys (dt=… sort as dates), or the count alone. */
function describeRange(
  partitions: ProvenanceView["datasetVersions"][number]["partitions"],
): string {
  const keys = partitions.map((p) => p.partitionKey).filter((key): key is string => key !== null);
  keys.sort();
  const count = `${partitions.length} partition${partitions.length === 1 ? "" : "s"}`;
  return keys.length ? `${keys[0]} … ${keys[keys.length - 1]} (${count})` : count;
}

/** A web page for the commit when the repository has one (https://host/owner/repo). */
function commitUrl(commit: NonNullable<ProvenanceView["commit"]>): string | null {
  if (!/^https?:\/\//.test(commit.repo)) return null;
  return `${commit.repo.replace(/(\.git)?\/?$/, "")}/commit/${commit.sha}`;
}

/** "What data was this trained on", in one glance: server-rendered from the provenance service. */
export function TrainedOnCard({ provenance }: { provenance: ProvenanceView }) {
  const { modelVersion, run, commit, params, missing } = provenance;
  const training = provenance.datasetVersions.filter((d) => d.context === "training");
  const commitLink = commit ? commitUrl(commit) : null;
  return (
    <section className="trained-on" aria-labelledby="trained-on-title">
      <h2 id="trained-on-title">
        Trained on: v{modelVersion.version}{" "}
        <span className="muted">({modelVersion.stage.toLowerCase()})</span>
      </h2>
      {missing.length ? (
        <ul className="trained-on-missing" aria-label="Missing lineage">
          {missing.map((item) => (
            <li key={item}>{MISSING_TEXT[item]}: this version fails the lineage gate.</li>
          ))}
        </ul>
      ) : null}
      <dl className="trained-on-facts">
        {training.map((dataset) => (
          <div key={dataset.id}>
            <dt>Dataset</dt>
            <dd>
              {dataset.name} <code title={dataset.id}>{dataset.id.slice(0, 12)}</code>
              <CopyButton text={dataset.id} label="Copy id" /> ·{" "}
              {dataset.rowCount.toLocaleString("en")} rows · {describeRange(dataset.partitions)}
              <PartitionDetails
                summary="Partitions and checksums"
                partitions={dataset.partitions}
              />
            </dd>
          </div>
        ))}
        {commit ? (
          <div>
            <dt>Code</dt>
            <dd>
              {commitLink ? <a href={commitLink}>{commit.repo}</a> : commit.repo}{" "}
              <code title={commit.sha}>{commit.sha.slice(0, 10)}</code>{" "}
              <CopyButton text={commit.sha} label="Copy SHA" /> {commit.message}
              {commit.author ? <span className="muted"> · {commit.author}</span> : null}
            </dd>
          </div>
        ) : null}
        {run ? (
          <div>
            <dt>Run</dt>
            <dd>
              <Link href={`/runs/${encodeURIComponent(run.id)}`}>{run.name}</Link>{" "}
              <code>{run.id}</code>
            </dd>
          </div>
        ) : null}
        {Object.keys(params).length ? (
          <div>
            <dt>Params</dt>
            <dd className="mono">
              {Object.entries(params)
                .map(([key, value]) => `${key}=${value}`)
                .join(" · ")}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="trained-on-links">
        <Link href={lineageHref(`modelVersion:${modelVersion.id}`)}>
          Lineage graph of v{modelVersion.version}
        </Link>
      </p>
    </section>
  );
}
