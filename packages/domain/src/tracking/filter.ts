import { err, ok, type Result } from "../result.ts";
import {
  describeToken,
  type FilterSyntaxError,
  syntaxError,
  type Token,
  tokenize,
} from "./filter-tokens.ts";

/** The entities a filter or order_by identifier can name, after MLflow's aliases are resolved. */
export type FilterEntity = "metric" | "param" | "tag" | "attribute" | "dataset";

export type FilterOperator =
  | "="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "LIKE"
  | "ILIKE"
  | "IN"
  | "NOT IN"
  | "IS NULL"
  | "IS NOT NULL";

export type FilterValue =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "list"; values: string[] }
  | { kind: "none" };

/** One `<identifier> <operator> <value>` clause, before any entity-specific checks. */
export interface FilterClause {
  entity: FilterEntity;
  key: string;
  operator: FilterOperator;
  value: FilterValue;
  keyPosition: number;
  operatorPosition: number;
  valuePosition: number;
}

export interface Identifier {
  entity: FilterEntity;
  key: string;
  position: number;
}

const ENTITY_ALIASES: Record<string, FilterEntity> = {
  metric: "metric",
  metrics: "metric",
  param: "param",
  params: "param",
  parameter: "param",
  parameters: "param",
  tag: "tag",
  tags: "tag",
  attribute: "attribute",
  attributes: "attribute",
  attr: "attribute",
  run: "attribute",
  dataset: "dataset",
  datasets: "dataset",
};

const ENTITY_LIST = "metrics, params, tags, attributes or datasets";
const OPERATOR_LIST =
  "an operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL, IS NOT NULL)";

/** A cursor over the tokens; every method that fails says what it expected. */
class Cursor {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index += 1;
    return token;
  }

  isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === "word" && token.text.toUpperCase() === word;
  }

  isSymbol(symbol: string): boolean {
    const token = this.peek();
    return token.kind === "symbol" && token.text === symbol;
  }

  fail(expected: string): FilterSyntaxError {
    const token = this.peek();
    return syntaxError(token.position, expected, describeToken(token));
  }
}

/**
 * Parses an identifier: `entity.key`, ``entity.`quoted key` ``, `entity."quoted key"`, or a bare
 * attribute name. The key is everything after the first dot, so `tags.mlflow.user` names the tag
 * `mlflow.user`.
 */
function parseIdentifier(cursor: Cursor): Result<Identifier, FilterSyntaxError> {
  const first = cursor.peek();
  if (first.kind === "quoted" && first.quote !== "'") {
    cursor.next();
    return ok({ entity: "attribute", key: first.text, position: first.position });
  }
  if (first.kind !== "word") return err(cursor.fail("an identifier such as metrics.loss"));
  cursor.next();
  if (!cursor.isSymbol("."))
    return ok({ entity: "attribute", key: first.text, position: first.position });
  const alias = first.text.toLowerCase();
  // Own keys only: `constructor.x` must not resolve to Object.prototype's member.
  const entity = Object.hasOwn(ENTITY_ALIASES, alias) ? ENTITY_ALIASES[alias] : undefined;
  if (!entity) {
    return err(syntaxError(first.position, `an entity (${ENTITY_LIST})`, `'${first.text}'`));
  }
  cursor.next();
  const keyToken = cursor.peek();
  if (keyToken.kind === "quoted" && keyToken.quote !== "'") {
    cursor.next();
    return ok({ entity, key: keyToken.text, position: first.position });
  }
  const parts: string[] = [];
  for (;;) {
    const part = cursor.peek();
    if (part.kind !== "word") return err(cursor.fail(`a key after '${first.text}.'`));
    cursor.next();
    parts.push(part.text);
    if (!cursor.isSymbol(".")) break;
    cursor.next();
  }
  return ok({ entity, key: parts.join("."), position: first.position });
}

function parseOperator(cursor: Cursor): Result<FilterOperator, FilterSyntaxError> {
  const token = cursor.peek();
  if (token.kind === "symbol" && ["=", "!=", "<", "<=", ">", ">="].includes(token.text)) {
    cursor.next();
    return ok(token.text as FilterOperator);
  }
  if (cursor.isKeyword("LIKE") || cursor.isKeyword("ILIKE") || cursor.isKeyword("IN")) {
    cursor.next();
    return ok((token as { text: string }).text.toUpperCase() as FilterOperator);
  }
  if (cursor.isKeyword("NOT")) {
    cursor.next();
    if (!cursor.isKeyword("IN")) return err(cursor.fail("IN after NOT"));
    cursor.next();
    return ok("NOT IN");
  }
  if (cursor.isKeyword("IS")) {
    cursor.next();
    const isNot = cursor.isKeyword("NOT");
    if (isNot) cursor.next();
    if (!cursor.isKeyword("NULL"))
      return err(cursor.fail(isNot ? "NULL after IS NOT" : "NULL or NOT NULL after IS"));
    cursor.next();
    return ok(isNot ? "IS NOT NULL" : "IS NULL");
  }
  return err(cursor.fail(OPERATOR_LIST));
}

function parseValue(
  cursor: Cursor,
  operator: FilterOperator,
): Result<FilterValue, FilterSyntaxError> {
  if (operator === "IS NULL" || operator === "IS NOT NULL") return ok({ kind: "none" });
  if (operator === "IN" || operator === "NOT IN") {
    if (!cursor.isSymbol("(")) return err(cursor.fail(`'(' to open the ${operator} list`));
    cursor.next();
    const values: string[] = [];
    for (;;) {
      const item = cursor.peek();
      if (item.kind !== "quoted" || item.quote === "`")
        return err(cursor.fail("a quoted string in the list"));
      cursor.next();
      values.push(item.text);
      if (cursor.isSymbol(")")) break;
      if (!cursor.isSymbol(",")) return err(cursor.fail("',' or ')' in the list"));
      cursor.next();
    }
    cursor.next();
    return ok({ kind: "list", values });
  }
  const token = cursor.peek();
  if (token.kind === "number") {
    cursor.next();
    return ok({ kind: "number", value: token.value });
  }
  if (token.kind === "quoted" && token.quote !== "`") {
    cursor.next();
    return ok({ kind: "string", value: token.text });
  }
  return err(cursor.fail("a number or a quoted string"));
}

function parseClause(cursor: Cursor): Result<FilterClause, FilterSyntaxError> {
  if (cursor.isSymbol("("))
    return err(cursor.fail("an identifier (parentheses are not supported)"));
  if (cursor.isKeyword("NOT")) return err(cursor.fail("an identifier (NOT is not supported)"));
  const identifier = parseIdentifier(cursor);
  if (!identifier.ok) return identifier;
  const operatorPosition = cursor.peek().position;
  const operator = parseOperator(cursor);
  if (!operator.ok) return operator;
  const valuePosition = cursor.peek().position;
  const value = parseValue(cursor, operator.value);
  if (!value.ok) return value;
  return ok({
    entity: identifier.value.entity,
    key: identifier.value.key,
    operator: operator.value,
    value: value.value,
    keyPosition: identifier.value.position,
    operatorPosition,
    valuePosition,
  });
}

/**
 * Conditions one filter may join: each is a join or a subquery, and a few thousand of them
 * exhaust the database (PGlite's backend exits), so a longer filter is refused, not run.
 */
export const MAX_FILTER_CLAUSES = 100;

/**
 * Parses `<clause> [AND <clause>]*` into clauses without checking which operators suit which
 * entity (that depends on what is searched: runs, experiments, models). Empty text is no clause.
 */
export function parseFilter(text: string): Result<FilterClause[], FilterSyntaxError> {
  const lexed = tokenize(text);
  if ("error" in lexed) return err(lexed.error);
  const cursor = new Cursor(lexed.tokens);
  const clauses: FilterClause[] = [];
  if (cursor.peek().kind === "end") return ok(clauses);
  for (;;) {
    const clause = parseClause(cursor);
    if (!clause.ok) return clause;
    clauses.push(clause.value);
    if (cursor.peek().kind === "end") return ok(clauses);
    if (clauses.length === MAX_FILTER_CLAUSES) {
      return err(cursor.fail(`the end of the filter (at most ${MAX_FILTER_CLAUSES} conditions)`));
    }
    if (cursor.isKeyword("OR")) return err(cursor.fail("AND (OR is not supported)"));
    if (!cursor.isKeyword("AND")) return err(cursor.fail("AND or the end of the filter"));
    cursor.next();
  }
}

/** Parses one identifier that must fill the whole text (used by order_by). */
export function parseIdentifierText(
  text: string,
): Result<{ identifier: Identifier; rest: Token[] }, FilterSyntaxError> {
  const lexed = tokenize(text);
  if ("error" in lexed) return err(lexed.error);
  const cursor = new Cursor(lexed.tokens);
  const identifier = parseIdentifier(cursor);
  if (!identifier.ok) return identifier;
  const rest: Token[] = [];
  while (cursor.peek().kind !== "end") rest.push(cursor.next());
  return ok({ identifier: identifier.value, rest });
}
