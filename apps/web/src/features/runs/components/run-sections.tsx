import Link from "next/link";
import { modelPath } from "../../models/model-path.ts";
import type { RunDetail } from "../run-detail.ts";
import { ArtifactList } from "./artifact-list.tsx";
import { formatCellValue } from "./format-value.ts";
import { KeyValueTable } from "./key-value-table.tsx";
import styles from "./runs.module.css";

/**
 * A run's params, latest metrics, tags, inputs and artifacts. Dataset versions have no page of
 * their own yet: an input links to the page of the model the run produced (its Trained-on card).
 */
export function RunSections({ detail }: { detail: RunDetail }) {
  const { run, artifacts, modelVersions } = detail;
  const producedModel = modelVersions[0]?.modelName;
  return (
    <div className={styles.sections}>
      <KeyValueTable
        title="Latest metrics"
        empty="No metrics logged."
        rows={run.metrics.map((metric) => ({
          key: metric.key,
          value: (
            <span title={`step ${metric.step}`}>
              {formatCellValue(metric.value)} <span className="muted">(step {metric.step})</span>
            </span>
          ),
        }))}
      />
      <KeyValueTable title="Params" empty="No params logged." rows={run.params} />
      <KeyValueTable title="Tags" empty="No tags." rows={run.tags} />
      <section aria-labelledby="section-inputs">
        <h2 id="section-inputs">Inputs</h2>
        {run.inputs.length === 0 ? (
          <p className="muted">No dataset inputs logged.</p>
        ) : (
          <ul>
            {run.inputs.map((input) => (
              <li key={`${input.datasetVersionId}-${input.context}`}>
                {producedModel ? (
                  <Link href={modelPath(producedModel)}>{input.datasetName}</Link>
                ) : (
                  input.datasetName
                )}{" "}
                <code title={input.datasetVersionId}>{input.datasetVersionId.slice(0, 12)}</code>{" "}
                <span className="muted">({input.context})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="section-artifacts">
        <h2 id="section-artifacts">Artifacts</h2>
        <ArtifactList artifacts={artifacts} />
      </section>
    </div>
  );
}
