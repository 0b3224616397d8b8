// The filter subset that experiments/search and registered-models/search accept here:
// `<attribute> <op> '<value>'` and `tags.<key> <op> '<value>'` joined by AND, with = != LIKE ILIKE.
// Anything else is refused with INVALID_PARAMETER_VALUE rather than half-understood. (Runs search
// has the full grammar, in packages/domain/src/tracking.)
import { invalidParameter } from "./errors.ts";

export type SimpleOperator = "=" | "!=" | "LIKE" | "ILIKE";

export interface SimpleClause {
  entity: "attribute" | "tag";
  key: string;
  op: SimpleOperator;
  value: string;
}

const ENTITY_BY_PREFIX: Record<string, SimpleClause["entity"]> = {
  attribute: "attribute",
  attributes: "attribute",
  attr: "attribute",
  tag: "tag",
  tags: "tag",
};

// identifier, operator, quoted value; then AND or the end.
const CLAUSE =
  /^\s*((?:[A-Za-z_]+\.)?(?:`[^`]+`|"[^"]+"|[\w.]+))\s*(=|!=|<>|\bI?LIKE\b)\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*(\bAND\b|$)/i;

function unquote(text: string): string {
  const quote = text[0];
  if ((quote === "'" || quote === '"' || quote === "`") && text.endsWith(quote)) {
    return text.slice(1, -1).replace(/\\(.)/g, "$1");
  }
  return text;
}

function readIdentifier(
  text: string,
  attributes: readonly string[],
): Pick<SimpleClause, "entity" | "key"> {
  const dot = /^([A-Za-z_]+)\.(.+)$/.exec(text);
  const prefix = dot?.[1]?.toLowerCase();
  // Own keys only: `constructor.x` or `__proto__.x` must not find Object.prototype's members.
  if (dot && prefix && Object.hasOwn(ENTITY_BY_PREFIX, prefix)) {
    return {
      entity: ENTITY_BY_PREFIX[prefix] as SimpleClause["entity"],
      key: unquote(dot[2] ?? ""),
    };
  }
  const key = unquote(text);
  if (!attributes.includes(key)) {
    throw invalidParameter(
      `Invalid attribute key '${key}'; this server filters on ${attributes.join(", ")} and tags.<key>`,
    );
  }
  return { entity: "attribute", key };
}

export function parseSimpleFilter(filter: string, attributes: readonly string[]): SimpleClause[] {
  const clauses: SimpleClause[] = [];
  let rest = filter.trim();
  while (rest !== "") {
    const match = CLAUSE.exec(rest);
    if (!match) throw invalidParameter(`Invalid filter string (unsupported clause): '${rest}'`);
    const [whole, identifier = "", rawOp = "", value = "", and = ""] = match;
    const upper = rawOp.toUpperCase();
    const op: SimpleOperator = upper === "<>" ? "!=" : (upper as SimpleOperator);
    clauses.push({ ...readIdentifier(identifier, attributes), op, value: unquote(value) });
    rest = rest.slice(whole.length).trim();
    if (and !== "" && rest === "") throw invalidParameter(`Invalid filter string: '${filter}'`);
  }
  return clauses;
}
