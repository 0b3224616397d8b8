"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { type FormEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { fetchJson } from "../../../client/fetch-json.ts";
import { formatDateTime } from "../../../ui/format.ts";
import { formatColumn, formatSortIdentifier, parseColumnList, type RunColumn } from "../columns.ts";
import { readRunCell } from "../csv.ts";
import type { RunJson } from "../types.ts";
import { ColumnChooser } from "./column-chooser.tsx";
import { formatCellValue } from "./format-value.ts";
import styles from "./runs.module.css";
import {
  comparePath,
  formatRunsQuery,
  type RunsViewState,
  readSortDirection,
  runPath,
  toggleSort,
} from "./runs-url.ts";

export interface RunKeysView {
  metrics: string[];
  params: string[];
  tags: string[];
}

interface RunsBrowserProps {
  experimentId: string;
  state: RunsViewState;
  runs: RunJson[];
  nextPageToken: string | null;
  /** The parser's message for a bad filter or sort (the table is then empty). */
  error: string | null;
  keys: RunKeysView;
}

const ROW_HEIGHT = 34;
const PAGE_SIZE = 100;

function defaultColumns(keys: RunKeysView): RunColumn[] {
  return [
    ...keys.metrics.slice(0, 4).map((key) => ({ entity: "metric" as const, key })),
    ...keys.params.slice(0, 3).map((key) => ({ entity: "param" as const, key })),
  ];
}

/**
 * An experiment's runs: a server-side filter in MLflow's grammar, sort by any column, a column
 * chooser, virtualised rows that load the next page as they scroll into view, and a selection to
 * compare. Every choice is in the URL; the server renders the first page.
 */
export function RunsBrowser({
  experimentId,
  state,
  runs: firstRuns,
  nextPageToken,
  error,
  keys,
}: RunsBrowserProps) {
  const router = useRouter();
  const pathname = usePathname();
  const errorId = useId();
  const [runs, setRuns] = useState(firstRuns);
  const [token, setToken] = useState(nextPageToken);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const columns = useMemo(() => {
    const chosen = parseColumnList(state.columns);
    return chosen.length > 0 ? chosen : defaultColumns(keys);
  }, [state.columns, keys]);

  const navigate = useCallback(
    (next: Partial<RunsViewState>) =>
      router.push(`${pathname}?${formatRunsQuery({ ...state, ...next })}`),
    [router, pathname, state],
  );

  const virtualizer = useVirtualizer({
    count: runs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (!token || isLoading || lastIndex < runs.length - 20) return;
    setIsLoading(true);
    const query = formatRunsQuery(state, { page: token, maxResults: String(PAGE_SIZE) });
    fetchJson<{ runs: RunJson[]; nextPageToken: string | null }>(
      `/api/v1/experiments/${encodeURIComponent(experimentId)}/runs?${query}`,
    )
      .then((page) => {
        setRuns((current) => [...current, ...page.runs]);
        setToken(page.nextPageToken);
      })
      .catch((failure: unknown) =>
        setLoadError(failure instanceof Error ? failure.message : "Loading more runs failed"),
      )
      .finally(() => setIsLoading(false));
  }, [token, isLoading, lastIndex, runs.length, state, experimentId]);

  function submitFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const filter = new FormData(event.currentTarget).get("filter");
    navigate({ filter: typeof filter === "string" ? filter.trim() : "" });
  }

  function toggleSelected(id: string) {
    setSelected((current) =>
      current.includes(id) ? current.filter((x) => x !== id) : [...current, id],
    );
  }

  const exportHref = `/api/v1/experiments/${encodeURIComponent(experimentId)}/runs/export?${formatRunsQuery(
    {
      filter: state.filter,
      orderBy: state.orderBy,
      columns: columns.map(formatColumn).join(","),
    },
  )}`;

  const header = (label: string, identifier: string, isNumber = false) => {
    const direction = readSortDirection(state.orderBy, identifier);
    return (
      <th
        scope="col"
        aria-sort={direction}
        className={`${styles.cell} ${isNumber ? styles.number : ""}`}
        key={identifier}
      >
        <button
          type="button"
          className={styles.sortButton}
          onClick={() => navigate({ orderBy: toggleSort(state.orderBy, identifier) })}
          title={`Sort by ${identifier}`}
        >
          {label}
          {direction === "ascending" ? " ▲" : direction === "descending" ? " ▼" : ""}
        </button>
      </th>
    );
  };
  // Rows outside the viewport are replaced by two spacer rows, so the table stays a real table.
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const columnCount = 4 + columns.length;

  return (
    <>
      <div className={styles.toolbar}>
        <form className={styles.filterForm} onSubmit={submitFilter}>
          <div className={styles.filterField}>
            <label htmlFor="runs-filter" className="visually-hidden">
              Filter runs
            </label>
            <input
              id="runs-filter"
              name="filter"
              className={styles.filterInput}
              defaultValue={state.filter}
              placeholder="metrics.val_auc > 0.9 AND params.model_type = 'xgboost'"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              spellCheck={false}
              autoComplete="off"
            />
            {error ? (
              <p id={errorId} role="alert" className={styles.filterError}>
                {error}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button-primary">
            Filter
          </button>
          {state.filter ? (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => navigate({ filter: "" })}
            >
              Clear
            </button>
          ) : null}
        </form>
        <ColumnChooser
          keys={keys}
          columns={columns}
          onChange={(next) => navigate({ columns: next.map(formatColumn).join(",") })}
        />
        <a className="button" href={exportHref} download>
          Export CSV
        </a>
        {selected.length >= 2 ? (
          <Link className="button button-primary" href={comparePath(selected)}>
            Compare {selected.length} runs
          </Link>
        ) : (
          <span className="muted">Select 2+ runs to compare</span>
        )}
      </div>

      <div ref={scrollRef} className={styles.grid}>
        <table className={styles.table} aria-rowcount={runs.length + 1}>
          <caption className="visually-hidden">
            Runs, sortable by column; rows load as you scroll
          </caption>
          <colgroup>
            <col style={{ width: "2.5rem" }} />
            <col style={{ width: "14rem" }} />
            <col style={{ width: "6.5rem" }} />
            <col style={{ width: "11rem" }} />
            {columns.map((column) => (
              <col key={formatColumn(column)} style={{ width: "9rem" }} />
            ))}
          </colgroup>
          <thead className={styles.header}>
            <tr>
              <th scope="col" className={styles.cell}>
                <span className="visually-hidden">Select</span>
              </th>
              {header("Run", "attributes.run_name")}
              {header("Status", "attributes.status")}
              {header("Started", "attributes.start_time")}
              {columns.map((column) =>
                header(
                  formatColumn(column),
                  formatSortIdentifier(column),
                  column.entity === "metric",
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {runs.length === 0 ? (
              <tr>
                <td colSpan={columnCount} className={styles.empty}>
                  {error
                    ? "Fix the filter to see runs."
                    : state.filter
                      ? "No run matches this filter."
                      : "No runs yet."}
                </td>
              </tr>
            ) : null}
            {paddingTop > 0 ? (
              <tr style={{ height: paddingTop }}>
                <td colSpan={columnCount} />
              </tr>
            ) : null}
            {items.map((item) => {
              const run = runs[item.index] as RunJson;
              return (
                <tr
                  key={run.id}
                  aria-rowindex={item.index + 2}
                  className={styles.row}
                  style={{ height: ROW_HEIGHT }}
                >
                  <td className={styles.cell}>
                    <input
                      type="checkbox"
                      aria-label={`Select ${run.name}`}
                      checked={selected.includes(run.id)}
                      onChange={() => toggleSelected(run.id)}
                    />
                  </td>
                  <th scope="row" className={styles.cell}>
                    <Link href={runPath(run.id)}>{run.name || run.id}</Link>
                  </th>
                  <td className={styles.cell}>{run.status.toLowerCase()}</td>
                  <td className={styles.cell}>{formatDateTime(run.startTime)}</td>
                  {columns.map((column) => (
                    <td
                      key={formatColumn(column)}
                      className={`${styles.cell} ${column.entity === "metric" ? styles.number : ""}`}
                    >
                      {formatCellValue(readRunCell(run, column))}
                    </td>
                  ))}
                </tr>
              );
            })}
            {paddingBottom > 0 ? (
              <tr style={{ height: paddingBottom }}>
                <td colSpan={columnCount} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <p className="muted" aria-live="polite">
        {runs.length.toLocaleString("en-GB")} runs shown{token ? " — scroll for more" : ""}
        {isLoading ? " — loading…" : ""}
        {loadError ? ` — ${loadError}` : ""}
      </p>
    </>
  );
}
