import { err, ok, type Result } from "../result.ts";
import { type FilterClause, parseFilter } from "./filter.ts";
import { type FilterSyntaxError, syntaxError } from "./filter-tokens.ts";

export type NumericOperator = "=" | "!=" | "<" | "<=" | ">" | ">=";
export type StringOperator = "=" | "!=" | "LIKE" | "ILIKE";
export type ListOperator = "IN" | "NOT IN";

export const STRING_RUN_ATTRIBUTES = [
  "run_id",
  "run_name",
  "user_id",
  "status",
  "artifact_uri",
] as const;
export const NUMERIC_RUN_ATTRIBUTES = ["start_time", "end_time"] as const;
export const RUN_DATASET_KEYS = ["name", "digest", "context"] as const;

export type StringRunAttribute = (typeof STRING_RUN_ATTRIBUTES)[number];
export type NumericRunAttribute = (typeof NUMERIC_RUN_ATTRIBUTES)[number];
export type RunAttribute = StringRunAttribute | NumericRunAttribute;
export type RunDatasetKey = (typeof RUN_DATASET_KEYS)[number];

/** A checked clause of a runs filter: each entity only carries the operators MLflow allows on it. */
export type RunFilterClause =
  | { entity: "metric"; key: string; operator: NumericOperator; value: number }
  | { entity: "param" | "tag"; key: string; operator: StringOperator; value: string }
  | { entity: "param" | "tag"; key: string; operator: "IS NULL" | "IS NOT NULL" }
  | { entity: "attribute"; key: StringRunAttribute; operator: StringOperator; value: string }
  | { entity: "attribute"; key: "run_id"; operator: ListOperator; values: string[] }
  | { entity: "attribute"; key: NumericRunAttribute; operator: NumericOperator; value: number }
  | { entity: "dataset"; key: RunDatasetKey; operator: StringOperator; value: string }
  | { entity: "dataset"; key: RunDatasetKey; operator: ListOperator; values: string[] };

const NUMERIC_OPERATORS: readonly string[] = ["=", "!=", "<", "<=", ">", ">="];
const STRING_OPERATORS: readonly string[] = ["=", "!=", "LIKE", "ILIKE"];
const LIST_OPERATORS: readonly string[] = ["IN", "NOT IN"];

const ATTRIBUTE_ALIASES: Record<string, RunAttribute> = {
  run_id: "run_id",
  run_name: "run_name",
  "run name": "run_name",
  user_id: "user_id",
  status: "status",
  artifact_uri: "artifact_uri",
  start_time: "start_time",
  created: "start_time",
  end_time: "end_time",
};

/** Resolves an attribute name and its aliases (`created`, `run name`); undefined if unknown. */
export function resolveRunAttribute(key: string): RunAttribute | undefined {
  const name = key.toLowerCase();
  // Own keys only: `constructor` must not resolve to Object.prototype's member.
  return Object.hasOwn(ATTRIBUTE_ALIASES, name) ? ATTRIBUTE_ALIASES[name] : undefined;
}

function isNumericAttribute(key: RunAttribute): key is NumericRunAttribute {
  return (NUMERIC_RUN_ATTRIBUTES as readonly string[]).includes(key);
}

function checkOperator(
  clause: FilterClause,
  allowed: readonly string[],
  what: string,
): FilterSyntaxError | null {
  if (allowed.includes(clause.operator)) return null;
  return syntaxError(
    clause.operatorPosition,
    `one of ${allowed.join(", ")} for ${what}`,
    `'${clause.operator}'`,
  );
}

function expectNumber(clause: FilterClause, what: string): Result<number, FilterSyntaxError> {
  if (clause.value.kind === "number") return ok(clause.value.value);
  return err(syntaxError(clause.valuePosition, `a number for ${what}`, "a string"));
}

function expectString(clause: FilterClause, what: string): Result<string, FilterSyntaxError> {
  if (clause.value.kind === "string") return ok(clause.value.value);
  return err(syntaxError(clause.valuePosition, `a quoted string for ${what}`, "a number"));
}

function checkClause(clause: FilterClause): Result<RunFilterClause, FilterSyntaxError> {
  const { entity, key } = clause;
  const what = `${entity} '${key}'`;
  if (entity === "metric") {
    const bad = checkOperator(clause, NUMERIC_OPERATORS, what);
    if (bad) return err(bad);
    const value = expectNumber(clause, what);
    if (!value.ok) return value;
    return ok({ entity, key, operator: clause.operator as NumericOperator, value: value.value });
  }
  if (entity === "param" || entity === "tag") {
    if (clause.operator === "IS NULL" || clause.operator === "IS NOT NULL") {
      return ok({ entity, key, operator: clause.operator });
    }
    const bad = checkOperator(clause, [...STRING_OPERATORS, "IS NULL", "IS NOT NULL"], what);
    if (bad) return err(bad);
    const value = expectString(clause, what);
    if (!value.ok) return value;
    return ok({ entity, key, operator: clause.operator as StringOperator, value: value.value });
  }
  if (entity === "dataset") {
    const datasetKey = (RUN_DATASET_KEYS as readonly string[]).find((k) => k === key.toLowerCase());
    if (!datasetKey) {
      return err(
        syntaxError(
          clause.keyPosition,
          `a dataset field (${RUN_DATASET_KEYS.join(", ")})`,
          `'${key}'`,
        ),
      );
    }
    return checkStringField(clause, { entity, key: datasetKey as RunDatasetKey }, true);
  }
  const attribute = resolveRunAttribute(key);
  if (!attribute) {
    const known = [...STRING_RUN_ATTRIBUTES, ...NUMERIC_RUN_ATTRIBUTES].join(", ");
    return err(
      syntaxError(
        clause.keyPosition,
        `an attribute (${known}) or a prefix (metrics., params., tags.)`,
        `'${key}'`,
      ),
    );
  }
  if (isNumericAttribute(attribute)) {
    const bad = checkOperator(clause, NUMERIC_OPERATORS, `attribute '${attribute}'`);
    if (bad) return err(bad);
    const value = expectNumber(clause, `attribute '${attribute}'`);
    if (!value.ok) return value;
    return ok({
      entity,
      key: attribute,
      operator: clause.operator as NumericOperator,
      value: value.value,
    });
  }
  return checkStringField(clause, { entity, key: attribute }, attribute === "run_id");
}

function checkStringField(
  clause: FilterClause,
  field:
    | { entity: "attribute"; key: StringRunAttribute }
    | { entity: "dataset"; key: RunDatasetKey },
  canList: boolean,
): Result<RunFilterClause, FilterSyntaxError> {
  const what = `${field.entity} '${field.key}'`;
  const allowed = canList ? [...STRING_OPERATORS, ...LIST_OPERATORS] : STRING_OPERATORS;
  const bad = checkOperator(clause, allowed, what);
  if (bad) return err(bad);
  if (clause.value.kind === "list") {
    return ok({
      ...field,
      operator: clause.operator as ListOperator,
      values: clause.value.values,
    } as RunFilterClause);
  }
  const value = expectString(clause, what);
  if (!value.ok) return value;
  return ok({
    ...field,
    operator: clause.operator as StringOperator,
    value: value.value,
  } as RunFilterClause);
}

/**
 * Parses a runs filter (MLflow's `runs/search` grammar) into checked clauses joined by AND.
 * Errors carry the position in the text and what was expected there.
 */
export function parseRunFilter(text: string): Result<RunFilterClause[], FilterSyntaxError> {
  const parsed = parseFilter(text);
  if (!parsed.ok) return parsed;
  const clauses: RunFilterClause[] = [];
  for (const clause of parsed.value) {
    const checked = checkClause(clause);
    if (!checked.ok) return checked;
    clauses.push(checked.value);
  }
  return ok(clauses);
}
