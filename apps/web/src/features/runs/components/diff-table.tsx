import Link from "next/link";
import type { RunJson } from "../types.ts";
import styles from "./runs.module.css";
import { runPath } from "./runs-url.ts";

interface DiffTableProps {
  runs: RunJson[];
  field: "params" | "tags";
  title: string;
}

/** One row per key across the compared runs; rows whose values differ are highlighted and say so. */
export function DiffTable({ runs, field, title }: DiffTableProps) {
  const keys = [...new Set(runs.flatMap((run) => run[field].map((item) => item.key)))].sort();
  const id = `diff-${field}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {keys.length === 0 ? (
        <p className="muted">None logged.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Key</th>
                {runs.map((run) => (
                  <th scope="col" key={run.id}>
                    <Link href={runPath(run.id)}>{run.name || run.id}</Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => {
                const values = runs.map(
                  (run) => run[field].find((item) => item.key === key)?.value,
                );
                const differs = new Set(values).size > 1;
                return (
                  <tr
                    key={key}
                    className={differs ? styles.differs : undefined}
                    data-differs={differs || undefined}
                  >
                    <th scope="row">
                      {key}
                      {differs ? <span className="visually-hidden"> (differs)</span> : null}
                    </th>
                    {values.map((value, index) => (
                      <td key={runs[index]?.id}>{value ?? <span className="muted">—</span>}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
