import type { GateResult, PromotionPolicy } from "@pedigree/domain";
import { formatDateTime } from "../../../ui/format.ts";
import { StageBadge } from "../../../ui/stage-badge.tsx";
import type { ModelVersionView } from "../types.ts";
import { formatGate } from "./gate-results.tsx";

function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}

/** The primary metric's relative change vs production, positive is better (the policy's direction). */
function MetricChange({ change }: { change: number | null }) {
  if (change === null) return null;
  const percent = `${change > 0 ? "+" : ""}${(change * 100).toFixed(2)}%`;
  const tone = change > 0 ? "change-better" : change < 0 ? "change-worse" : "muted";
  const words = change > 0 ? "better than" : change < 0 ? "worse than" : "same as";
  return (
    <span className={tone}>
      {" "}
      {percent} <span className="visually-hidden">{words} production</span>
    </span>
  );
}

/** The gates as if requested for Production now, in a few words: what fails, or that all pass. */
function GateSummary({ results }: { results: readonly GateResult[] }) {
  if (results.length === 0) return <span className="muted">—</span>;
  const failed = results.filter((r) => r.outcome === "failed");
  if (failed.length === 0) return <span className="change-better">All gates pass</span>;
  return (
    <span className="change-worse" title={failed.map((r) => r.summary).join("\n")}>
      Fails: {failed.map((r) => formatGate(r.gate)).join(", ")}
    </span>
  );
}

/** The metric keys to show: the primary metric first, then up to two others. */
function pickMetricKeys(versions: readonly ModelVersionView[], primary: string | null): string[] {
  const keys = new Set<string>();
  for (const version of versions) for (const key of Object.keys(version.metrics)) keys.add(key);
  const others = [...keys].filter((key) => key !== primary).sort();
  return others.slice(0, 2);
}

export function VersionsTable({
  versions,
  policy,
}: {
  versions: readonly ModelVersionView[];
  policy: PromotionPolicy;
}) {
  if (versions.length === 0) return <p>This model has no versions yet.</p>;
  const primary = policy.primaryMetric;
  const otherKeys = pickMetricKeys(versions, primary?.key ?? null);
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Stage</th>
            <th scope="col">Aliases</th>
            {primary ? (
              <th scope="col">
                {primary.key} ({primary.direction === "maximize" ? "higher" : "lower"} is better)
              </th>
            ) : null}
            {otherKeys.map((key) => (
              <th scope="col" key={key}>
                {key}
              </th>
            ))}
            <th scope="col">Gates for Production</th>
            <th scope="col">Run</th>
            <th scope="col">Stage since</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.version}>
              <th scope="row">v{version.version}</th>
              <td>
                <StageBadge stage={version.stage} />
              </td>
              <td>
                {version.aliases.map((alias) => (
                  <span key={alias} className="alias-badge">
                    @{alias}
                  </span>
                ))}
              </td>
              {primary ? (
                <td>
                  {formatMetric(version.primaryMetric?.value)}
                  <MetricChange change={version.primaryMetric?.changeVsProduction ?? null} />
                </td>
              ) : null}
              {otherKeys.map((key) => (
                <td key={key}>{formatMetric(version.metrics[key])}</td>
              ))}
              <td>
                <GateSummary results={version.gateSummary} />
              </td>
              <td>{version.runName ?? version.runId ?? <span className="muted">no run</span>}</td>
              <td>
                <time dateTime={version.stageChangedAt}>
                  {formatDateTime(version.stageChangedAt)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
