import { err, ok, type Result } from "../result.ts";
import { parseIdentifierText } from "./filter.ts";
import { describeToken, type FilterSyntaxError, syntaxError } from "./filter-tokens.ts";
import { type RunAttribute, resolveRunAttribute } from "./run-filter.ts";

export type SortDirection = "ASC" | "DESC";

export type RunOrderKey =
  | { entity: "metric" | "param" | "tag"; key: string; direction: SortDirection }
  | { entity: "attribute"; key: RunAttribute; direction: SortDirection };

/**
 * Parses MLflow `order_by` items (`metrics.rmse DESC`, `params.lr`, ``tags.`a b` ASC``,
 * `attributes.start_time`). The default direction is ASC. Positions in errors are within the item.
 */
export function parseRunOrderBy(
  items: readonly string[],
): Result<RunOrderKey[], FilterSyntaxError> {
  const keys: RunOrderKey[] = [];
  for (const item of items) {
    const parsed = parseIdentifierText(item);
    if (!parsed.ok) return parsed;
    const { identifier, rest } = parsed.value;
    let direction: SortDirection = "ASC";
    const [word, extra] = rest;
    if (word) {
      const text = word.kind === "word" ? word.text.toUpperCase() : "";
      if (text !== "ASC" && text !== "DESC") {
        return err(
          syntaxError(
            word.position,
            "ASC, DESC or the end of the order_by item",
            describeToken(word),
          ),
        );
      }
      direction = text;
    }
    if (extra)
      return err(syntaxError(extra.position, "the end of the order_by item", describeToken(extra)));
    if (identifier.entity === "dataset") {
      return err(
        syntaxError(identifier.position, "metrics., params., tags. or an attribute", "'datasets'"),
      );
    }
    if (identifier.entity === "attribute") {
      const attribute = resolveRunAttribute(identifier.key);
      if (!attribute) {
        return err(
          syntaxError(
            identifier.position,
            "an orderable attribute (run_id, run_name, user_id, status, start_time, end_time, artifact_uri)",
            `'${identifier.key}'`,
          ),
        );
      }
      keys.push({ entity: "attribute", key: attribute, direction });
      continue;
    }
    keys.push({ entity: identifier.entity, key: identifier.key, direction });
  }
  return ok(keys);
}
