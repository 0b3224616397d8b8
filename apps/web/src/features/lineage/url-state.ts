import type { Direction } from "@pedigree/domain";

/** Everything the lineage page shows is in its URL, so a view can be shared and reloaded. */
export interface LineageUrlState {
  node: string | null;
  depth: number;
  direction: Direction;
  /** Expanded cluster ids and the page shown of each. */
  expand: Map<string, number>;
  selected: string | null;
}

export const DEFAULT_DEPTH = 2;

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function parseLineageUrl(params: SearchParams): LineageUrlState {
  const depth = Number(first(params.depth));
  const direction = first(params.direction);
  const expand = new Map<string, number>();
  for (const item of (first(params.expand) ?? "").split(",")) {
    if (!item) continue;
    const at = item.lastIndexOf("@");
    const page = at > 0 ? Number(item.slice(at + 1)) : 0;
    expand.set(at > 0 ? item.slice(0, at) : item, Number.isInteger(page) && page >= 0 ? page : 0);
  }
  return {
    node: first(params.node) || null,
    depth: Number.isInteger(depth) && depth >= 1 && depth <= 5 ? depth : DEFAULT_DEPTH,
    direction: direction === "up" || direction === "down" ? direction : "both",
    expand,
    selected: first(params.selected) || null,
  };
}

export function formatExpand(expand: ReadonlyMap<string, number>): string {
  return [...expand].map(([id, page]) => (page ? `${id}@${page}` : id)).join(",");
}

/** The page's URL for a state; defaults are left out so links stay short. */
export function formatLineageUrl(state: LineageUrlState): string {
  const params = new URLSearchParams();
  if (state.node) params.set("node", state.node);
  if (state.depth !== DEFAULT_DEPTH) params.set("depth", String(state.depth));
  if (state.direction !== "both") params.set("direction", state.direction);
  if (state.expand.size) params.set("expand", formatExpand(state.expand));
  if (state.selected) params.set("selected", state.selected);
  const query = params.toString();
  return query ? `/lineage?${query}` : "/lineage";
}

/** A link that centres the graph on one node. */
export function lineageHref(node: string): string {
  return formatLineageUrl({
    node,
    depth: DEFAULT_DEPTH,
    direction: "both",
    expand: new Map(),
    selected: null,
  });
}
