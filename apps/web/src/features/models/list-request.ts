/** Models per page on the home page: enough to scan, small enough to render fast at any scale. */
export const MODELS_PAGE_SIZE = 50;

/** Longer input is cut: a name filter, not a document. */
const MAX_QUERY_LENGTH = 200;
/** Beyond this a page number is nonsense (50 million models), and OFFSET stays a safe integer. */
const MAX_PAGE = 1_000_000;

/** What the home page shows: a name filter ("" for none) and a 1-based page number. */
export interface ModelListRequest {
  query: string;
  page: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

function readFirst(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads `?q=&page=` leniently: a missing, malformed or out-of-range page is page 1, never an error. */
export function readModelListRequest(params: SearchParams): ModelListRequest {
  // NUL (`%00`) cannot reach PostgreSQL text: it is dropped rather than answered with an error.
  const query = (readFirst(params.q) ?? "")
    .replaceAll("\u0000", "")
    .trim()
    .slice(0, MAX_QUERY_LENGTH);
  const pageText = readFirst(params.page)?.trim() ?? "";
  const page = /^\d{1,7}$/.test(pageText) ? Number(pageText) : 1;
  return { query, page: page >= 1 && page <= MAX_PAGE ? page : 1 };
}

/** The shareable URL of a page of the list; page 1 and an empty query are left out. */
export function modelListPath({ query, page }: ModelListRequest): string {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/?${search}` : "/";
}

/**
 * A LIKE pattern matching `query` anywhere, its `%`, `_` and `\` taken literally (escaped with
 * PostgreSQL's default escape character, the backslash).
 */
export function toContainsPattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
