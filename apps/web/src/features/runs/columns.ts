// Runs table columns: shared by the page (client), the JSON route and the CSV export.

export type ColumnEntity = "attribute" | "metric" | "param" | "tag";

export interface RunColumn {
  entity: ColumnEntity;
  key: string;
}

const PREFIXES: Record<string, ColumnEntity> = {
  metrics: "metric",
  params: "param",
  tags: "tag",
  attributes: "attribute",
};

const ENTITY_PREFIX: Record<ColumnEntity, string> = {
  metric: "metrics",
  param: "params",
  tag: "tags",
  attribute: "attributes",
};

/** The attribute columns every table and export starts with. */
export const ATTRIBUTE_COLUMNS = ["run_name", "status", "start_time", "user_id", "run_id"] as const;

/** `metrics.acc` <-> { entity: "metric", key: "acc" }; the key is everything after the first dot. */
export function parseColumn(text: string): RunColumn | null {
  const dot = text.indexOf(".");
  if (dot < 1) return null;
  const entity = PREFIXES[text.slice(0, dot)];
  const key = text.slice(dot + 1);
  return entity && key ? { entity, key } : null;
}

export function formatColumn(column: RunColumn): string {
  return `${ENTITY_PREFIX[column.entity]}.${column.key}`;
}

/** A comma-separated list of columns (keys containing commas cannot be chosen). */
export function parseColumnList(text: string | null | undefined): RunColumn[] {
  if (!text) return [];
  return text.split(",").flatMap((part) => parseColumn(part.trim()) ?? []);
}

/** How a column is sorted in the filter grammar: the key is backticked when it needs quoting. */
export function formatSortIdentifier(column: RunColumn): string {
  const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(column.key)
    ? column.key
    : `\`${column.key.replaceAll("`", "``")}\``;
  return `${ENTITY_PREFIX[column.entity]}.${key}`;
}
