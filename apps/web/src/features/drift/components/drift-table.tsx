"use client";

import Link from "next/link";
import { useState } from "react";
import { type FeatureDriftView, SEVERITY_COLOURS, SEVERITY_LABELS } from "../types.ts";
import { driftHref } from "./drift-url.ts";

type SortKey =
  | "feature"
  | "psi"
  | "klCurrentReference"
  | "jsDistance"
  | "missingShareDelta"
  | "severity"
  | "currentCount";

interface Column {
  key: SortKey;
  label: string;
  numeric: boolean;
}

const COLUMNS: Column[] = [
  { key: "feature", label: "Feature", numeric: false },
  { key: "psi", label: "PSI", numeric: true },
  { key: "klCurrentReference", label: "KL(q‖p)", numeric: true },
  { key: "jsDistance", label: "JS distance", numeric: true },
  { key: "missingShareDelta", label: "Missing-share change", numeric: true },
  { key: "severity", label: "Severity", numeric: false },
  { key: "currentCount", label: "n reference / n current", numeric: true },
];

const SEVERITY_RANK = { NONE: 0, MODERATE: 1, SIGNIFICANT: 2 } as const;

function compare(a: FeatureDriftView, b: FeatureDriftView, key: SortKey): number {
  if (key === "feature") return a.feature.localeCompare(b.feature);
  if (key === "severity") return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  return a[key] - b[key];
}

const signed = (value: number): string => `${value > 0 ? "+" : ""}${(value * 100).toFixed(1)} pp`;

interface DriftTableProps {
  features: FeatureDriftView[];
  selected: string | null;
  /** Where the feature links point: the same page with ?feature= set. */
  link: { base: string; deployment: string; window: string };
}

/** The report's numbers per feature; column headers sort (click again to reverse). */
export function DriftTable({ features, selected, link }: DriftTableProps) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: "psi",
    descending: true,
  });
  const rows = [...features].sort((a, b) => {
    const order = compare(a, b, sort.key);
    return sort.descending ? -order : order;
  });
  const toggle = (key: SortKey, numeric: boolean) =>
    setSort((current) =>
      current.key === key ? { key, descending: !current.descending } : { key, descending: numeric },
    );
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="cell-note">Drift per feature; select a column header to sort.</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th
                key={column.key}
                scope="col"
                aria-sort={
                  sort.key === column.key ? (sort.descending ? "descending" : "ascending") : "none"
                }
              >
                <button
                  type="button"
                  className="button-quiet"
                  onClick={() => toggle(column.key, column.numeric)}
                >
                  {column.label}
                  <span aria-hidden="true">
                    {sort.key === column.key ? (sort.descending ? " ▼" : " ▲") : ""}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.feature}>
              <th scope="row">
                <Link
                  href={driftHref(link.base, {
                    deployment: link.deployment,
                    window: link.window,
                    feature: row.feature,
                  })}
                  aria-current={row.feature === selected ? "true" : undefined}
                  scroll={false}
                >
                  {row.feature}
                </Link>
              </th>
              <td>{row.psi.toFixed(4)}</td>
              <td>{row.klCurrentReference.toFixed(4)}</td>
              <td>{row.jsDistance.toFixed(4)}</td>
              <td>{signed(row.missingShareDelta)}</td>
              <td>
                <span style={{ color: SEVERITY_COLOURS[row.severity], fontWeight: 600 }}>
                  {SEVERITY_LABELS[row.severity]}
                </span>
              </td>
              <td>
                {row.referenceCount.toLocaleString("en")} / {row.currentCount.toLocaleString("en")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
