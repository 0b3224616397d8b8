import "./compare.css";
import Link from "next/link";
import { lineageHref } from "../../lineage/url-state.ts";
import type { DatasetChange, VersionComparison } from "../types.ts";

const show = (value: string | number | null) =>
  value === null ? <span className="muted">—</span> : String(value);

function PartitionList({
  title,
  partitions,
}: {
  title: string;
  partitions: DatasetChange["added"];
}) {
  if (partitions.length === 0) return null;
  const keys = partitions.map((p) => p.partitionKey ?? p.uri).sort();
  return (
    <details>
      <summary>
        {title}: {partitions.length}
        {keys.length > 1 ? ` (${keys[0]} … ${keys[keys.length - 1]})` : ` (${keys[0]})`}
      </summary>
      <ul className="mono trained-on-partitions">
        {partitions.map((p) => (
          <li key={`${p.uri}:${p.checksum}`}>
            {p.uri} <span className="muted">{p.checksum}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Version a against version b, section by section; changed rows are marked. */
export function ComparisonView({ comparison }: { comparison: VersionComparison }) {
  const { a, b } = comparison;
  const head = (
    <thead>
      <tr>
        <th scope="col">Key</th>
        <th scope="col">v{a.version}</th>
        <th scope="col">v{b.version}</th>
      </tr>
    </thead>
  );
  return (
    <>
      <section aria-labelledby="compare-commits">
        <h2 id="compare-commits">Code</h2>
        <p>
          {comparison.commit.isSame
            ? "Both versions were trained on the same commit: "
            : "The commits differ: "}
          v{a.version}{" "}
          {comparison.commit.a ? <code>{comparison.commit.a.sha.slice(0, 10)}</code> : "none"}{" "}
          {comparison.commit.a?.message} · v{b.version}{" "}
          {comparison.commit.b ? <code>{comparison.commit.b.sha.slice(0, 10)}</code> : "none"}{" "}
          {comparison.commit.b?.message}
        </p>
      </section>
      <section aria-labelledby="compare-data">
        <h2 id="compare-data">Data</h2>
        {comparison.datasets.length === 0 ? (
          <p className="muted">Neither version records a dataset.</p>
        ) : null}
        {comparison.datasets.map((change) => (
          <div key={`${change.context}:${change.name}`} className="compare-dataset">
            <h3>
              {change.name} <span className="muted">({change.context})</span>
            </h3>
            <p>
              v{a.version}:{" "}
              {change.a ? (
                <Link href={lineageHref(`datasetVersion:${change.a.id}`)}>
                  <code>{change.a.id.slice(0, 12)}</code>
                </Link>
              ) : (
                "none"
              )}{" "}
              {change.a
                ? `(${change.a.partitionCount} partitions, ${change.a.rowCount.toLocaleString("en")} rows)`
                : ""}{" "}
              · v{b.version}:{" "}
              {change.b ? (
                <Link href={lineageHref(`datasetVersion:${change.b.id}`)}>
                  <code>{change.b.id.slice(0, 12)}</code>
                </Link>
              ) : (
                "none"
              )}{" "}
              {change.b
                ? `(${change.b.partitionCount} partitions, ${change.b.rowCount.toLocaleString("en")} rows)`
                : ""}
            </p>
            {change.isSameVersion ? (
              <p>The same dataset version.</p>
            ) : (
              <>
                <PartitionList title="Partitions added" partitions={change.added} />
                <PartitionList title="Partitions removed" partitions={change.removed} />
              </>
            )}
          </div>
        ))}
      </section>
      <section aria-labelledby="compare-params">
        <h2 id="compare-params">Params</h2>
        <div className="table-scroll">
          <table className="table">
            {head}
            <tbody>
              {comparison.params.map((change) => (
                <tr key={change.key} className={change.isChanged ? "compare-changed" : undefined}>
                  <th scope="row">{change.key}</th>
                  <td className="mono">{show(change.a)}</td>
                  <td className="mono">{show(change.b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="compare-metrics">
        <h2 id="compare-metrics">Metrics</h2>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">v{a.version}</th>
                <th scope="col">v{b.version}</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {comparison.metrics.map((change) => (
                <tr key={change.key} className={change.isChanged ? "compare-changed" : undefined}>
                  <th scope="row">{change.key}</th>
                  <td className="mono">
                    {show(change.a === null ? null : Number(change.a.toFixed(4)))}
                  </td>
                  <td className="mono">
                    {show(change.b === null ? null : Number(change.b.toFixed(4)))}
                  </td>
                  <td className="mono">
                    {change.delta === null
                      ? show(null)
                      : `${change.delta > 0 ? "+" : ""}${change.delta.toFixed(4)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
