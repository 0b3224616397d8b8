"use client";

import { formatColumn, type RunColumn } from "../columns.ts";
import styles from "./runs.module.css";
import type { RunKeysView } from "./runs-browser.tsx";

interface ColumnChooserProps {
  keys: RunKeysView;
  columns: RunColumn[];
  onChange: (columns: RunColumn[]) => void;
}

const GROUPS = [
  { entity: "metric", title: "Metrics", field: "metrics" },
  { entity: "param", title: "Params", field: "params" },
  { entity: "tag", title: "Tags", field: "tags" },
] as const;

/** Which metric, param and tag columns the table shows; a native <details> keeps it keyboard-friendly. */
export function ColumnChooser({ keys, columns, onChange }: ColumnChooserProps) {
  const chosen = new Set(columns.map(formatColumn));
  function toggle(column: RunColumn) {
    const name = formatColumn(column);
    onChange(
      chosen.has(name) ? columns.filter((c) => formatColumn(c) !== name) : [...columns, column],
    );
  }
  return (
    <details className={styles.chooser}>
      <summary className="button">Columns ({columns.length})</summary>
      <div className={styles.chooserPanel}>
        {GROUPS.map(({ entity, title, field }) =>
          keys[field].length === 0 ? null : (
            <fieldset key={entity}>
              <legend>{title}</legend>
              {keys[field].map((key) => {
                const column = { entity, key };
                return (
                  <label key={key}>
                    <input
                      type="checkbox"
                      checked={chosen.has(formatColumn(column))}
                      onChange={() => toggle(column)}
                    />{" "}
                    {key}
                  </label>
                );
              })}
            </fieldset>
          ),
        )}
      </div>
    </details>
  );
}
