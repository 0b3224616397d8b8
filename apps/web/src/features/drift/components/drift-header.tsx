import Link from "next/link";
import {
  type DriftDeploymentView,
  type DriftReportView,
  type DriftWindowView,
  SEVERITY_COLOURS,
  SEVERITY_LABELS,
} from "../types.ts";
import { driftHref } from "./drift-url.ts";
import { WindowPicker } from "./window-picker.tsx";

interface DriftHeaderProps {
  base: string;
  deployments: DriftDeploymentView[];
  deployment: DriftDeploymentView;
  windows: DriftWindowView[];
  report: DriftReportView;
  feature: string | null;
}

const describe = (deployment: DriftDeploymentView): string =>
  `${deployment.service} · ${deployment.environment} · v${deployment.version}`;

/** The deployment, the other deployments, the window picker and the dataset-level verdict. */
export function DriftHeader({
  base,
  deployments,
  deployment,
  windows,
  report,
  feature,
}: DriftHeaderProps) {
  return (
    <section
      className="card"
      aria-label="Drift report"
      style={{ opacity: report.isTooFewRows ? 0.6 : 1 }}
    >
      <p>
        <strong>Deployment:</strong> {describe(deployment)}
      </p>
      {deployments.length > 1 ? (
        <nav aria-label="Deployments">
          <span className="cell-note">Deployments with reports:</span>
          <ul className="actions" style={{ listStyle: "none", padding: 0 }}>
            {deployments.map((other) => (
              <li key={other.id}>
                <Link
                  href={driftHref(base, { deployment: other.id })}
                  aria-current={other.id === deployment.id ? "page" : undefined}
                >
                  {describe(other)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <WindowPicker
        base={base}
        deployment={deployment.id}
        feature={feature}
        windows={windows}
        selected={report.windowStart}
      />
      <p>
        <strong>Drifted share:</strong> {(report.driftedShare * 100).toFixed(0)}% of features ·{" "}
        <strong>Severity:</strong>{" "}
        <span style={{ color: SEVERITY_COLOURS[report.severity], fontWeight: 600 }}>
          {SEVERITY_LABELS[report.severity]}
        </span>
      </p>
      {report.isTooFewRows ? (
        <p className="status" role="note">
          Too few rows: this window has fewer rows than the policy's minimum, so its numbers are
          unreliable and it never fires a retraining trigger.
        </p>
      ) : null}
    </section>
  );
}
