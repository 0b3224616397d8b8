import type { GateResult } from "@pedigree/domain";

const GATE_LABELS: Record<string, string> = {
  lineage: "Lineage",
  evaluation: "Evaluation",
  data_quality: "Data quality",
  drift: "Drift",
};

const OUTCOME_LABELS: Record<string, string> = {
  passed: "Passed",
  failed: "Failed",
  not_applicable: "Not applicable",
};

export function formatGate(gate: string): string {
  return GATE_LABELS[gate] ?? gate;
}

function formatDetail(value: string | number | boolean | null): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(4);
  return value === null ? "none" : String(value);
}

/** Each gate with its outcome in words (not only a color), its sentence and its numbers. */
export function GateResults({
  results,
  label = "Gate results",
  overridden = [],
}: {
  results: readonly GateResult[];
  label?: string;
  overridden?: readonly string[];
}) {
  if (results.length === 0) return <p className="muted">No gates evaluated.</p>;
  return (
    <ul className="gate-list" aria-label={label}>
      {results.map((result) => {
        const details = Object.entries(result.details).filter(([, value]) => value !== null);
        const isOverridden = result.outcome === "failed" && overridden.includes(result.gate);
        return (
          <li key={result.gate} className="gate-item">
            <span>
              <strong>{formatGate(result.gate)}</strong>{" "}
              <span className={`outcome outcome-${result.outcome}`}>
                {OUTCOME_LABELS[result.outcome] ?? result.outcome}
              </span>
            </span>
            <span>
              {result.summary}
              {isOverridden ? <strong> (overridden by an admin)</strong> : null}
              {details.length ? (
                <span className="gate-numbers">
                  {details.map(([key, value]) => `${key}: ${formatDetail(value)}`).join(" · ")}
                </span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
