// The runs table's state lives in the URL (shareable): filter, orderBy and columns.

export interface RunsViewState {
  filter: string;
  orderBy: string;
  /** Comma-separated columns, e.g. `metrics.acc,params.lr`; empty: the defaults. */
  columns: string;
}

export function experimentPath(id: string): string {
  return `/experiments/${encodeURIComponent(id)}`;
}

export function runPath(id: string): string {
  return `/runs/${encodeURIComponent(id)}`;
}

export function comparePath(ids: readonly string[]): string {
  return `/runs/compare?ids=${ids.map(encodeURIComponent).join(",")}`;
}

/** The query string of a state; empty values are left out. */
export function formatRunsQuery(
  state: Partial<RunsViewState>,
  extra: Record<string, string> = {},
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...state, ...extra }))
    if (value) search.set(key, value);
  return search.toString();
}

/** The next sort when a column header is pressed: ascending first, then it flips. */
export function toggleSort(current: string, identifier: string): string {
  if (current === `${identifier} ASC` || current === identifier) return `${identifier} DESC`;
  return `${identifier} ASC`;
}

export function readSortDirection(
  current: string,
  identifier: string,
): "ascending" | "descending" | "none" {
  if (current === `${identifier} DESC`) return "descending";
  if (current === `${identifier} ASC` || current === identifier) return "ascending";
  return "none";
}
