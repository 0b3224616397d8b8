import { Prisma } from "@pedigree/db";
import type { NumericOperator, RunAttribute, RunFilterClause, RunOrderKey } from "@pedigree/domain";

// Builds the one runs query from checked clauses. Every user value is a bound parameter; the only
// text spliced in is chosen from the fixed tables below (columns and operators), never user input.

const COLUMNS: Record<RunAttribute, Prisma.Sql> = {
  run_id: Prisma.sql`r."id"`,
  run_name: Prisma.sql`r."name"`,
  user_id: Prisma.sql`r."userName"`,
  status: Prisma.sql`r."status"::text`,
  artifact_uri: Prisma.sql`r."artifactUri"`,
  start_time: Prisma.sql`r."startTime"`,
  end_time: Prisma.sql`r."endTime"`,
};

const OPERATORS: Record<NumericOperator | "LIKE" | "ILIKE", Prisma.Sql> = {
  "=": Prisma.raw("="),
  "!=": Prisma.raw("<>"),
  "<": Prisma.raw("<"),
  "<=": Prisma.raw("<="),
  ">": Prisma.raw(">"),
  ">=": Prisma.raw(">="),
  LIKE: Prisma.raw("LIKE"),
  ILIKE: Prisma.raw("ILIKE"),
};

/** Run times are timestamps; MLflow filters them in milliseconds since the epoch. */
function toDate(milliseconds: number): Date {
  return new Date(milliseconds);
}

function listCondition(
  column: Prisma.Sql,
  operator: "IN" | "NOT IN",
  values: string[],
): Prisma.Sql {
  if (values.length === 0) return operator === "IN" ? Prisma.sql`FALSE` : Prisma.sql`TRUE`;
  const list = Prisma.join(values);
  return operator === "IN"
    ? Prisma.sql`${column} IN (${list})`
    : Prisma.sql`${column} NOT IN (${list})`;
}

function keyValueCondition(
  table: "Param" | "RunTag",
  clause: RunFilterClause & { entity: "param" | "tag" },
): Prisma.Sql {
  const from = table === "Param" ? Prisma.sql`"Param" x` : Prisma.sql`"RunTag" x`;
  const base = Prisma.sql`SELECT 1 FROM ${from} WHERE x."runId" = r."id" AND x."key" = ${clause.key}`;
  if (!("value" in clause)) {
    return clause.operator === "IS NULL"
      ? Prisma.sql`NOT EXISTS (${base})`
      : Prisma.sql`EXISTS (${base})`;
  }
  return Prisma.sql`EXISTS (${base} AND x."value" ${OPERATORS[clause.operator]} ${clause.value})`;
}

function datasetCondition(clause: RunFilterClause & { entity: "dataset" }): Prisma.Sql {
  const column =
    clause.key === "name"
      ? Prisma.sql`d."name"`
      : clause.key === "digest"
        ? Prisma.sql`i."datasetVersionId"`
        : Prisma.sql`lower(i."context"::text)`;
  const value =
    "values" in clause
      ? listCondition(
          column,
          clause.operator,
          clause.key === "context" ? clause.values.map((v) => v.toLowerCase()) : clause.values,
        )
      : Prisma.sql`${column} ${OPERATORS[clause.operator]} ${clause.key === "context" ? clause.value.toLowerCase() : clause.value}`;
  return Prisma.sql`EXISTS (SELECT 1 FROM "RunInput" i
    JOIN "DatasetVersion" v ON v."id" = i."datasetVersionId"
    JOIN "Dataset" d ON d."id" = v."datasetId"
    WHERE i."runId" = r."id" AND ${value})`;
}

export function buildCondition(clause: RunFilterClause): Prisma.Sql {
  switch (clause.entity) {
    case "metric":
      // PostgreSQL orders NaN above every number; here NaN matches no comparison, as in IEEE 754.
      return Prisma.sql`EXISTS (SELECT 1 FROM "LatestMetric" x WHERE x."runId" = r."id" AND x."key" = ${clause.key}
        AND x."value" ${OPERATORS[clause.operator]} ${clause.value} AND x."value" <> 'NaN'::float8)`;
    case "param":
      return keyValueCondition("Param", clause);
    case "tag":
      return keyValueCondition("RunTag", clause);
    case "dataset":
      return datasetCondition(clause);
    case "attribute": {
      const column = COLUMNS[clause.key];
      if ("values" in clause) return listCondition(column, clause.operator, clause.values);
      if (clause.key === "start_time" || clause.key === "end_time") {
        return Prisma.sql`${column} ${OPERATORS[clause.operator as NumericOperator]} ${toDate(clause.value as number)}`;
      }
      return Prisma.sql`${column} ${OPERATORS[clause.operator]} ${clause.value}`;
    }
  }
}

export interface OrderPlan {
  joins: Prisma.Sql[];
  terms: Prisma.Sql[];
}

const KEY_TABLES = {
  metric: Prisma.raw(`"LatestMetric"`),
  param: Prisma.raw(`"Param"`),
  tag: Prisma.raw(`"RunTag"`),
};

function sortDirection(key: RunOrderKey): Prisma.Sql {
  return key.direction === "DESC" ? Prisma.raw("DESC NULLS LAST") : Prisma.raw("ASC NULLS LAST");
}

/** The rows that give a key a value: NaN counts as missing for sorting (it sorts last). */
export function keyRowCondition(
  alias: Prisma.Sql,
  key: RunOrderKey & { entity: "metric" | "param" | "tag" },
) {
  const nan =
    key.entity === "metric" ? Prisma.sql` AND ${alias}."value" <> 'NaN'::float8` : Prisma.empty;
  return Prisma.sql`${alias}."key" = ${key.key}${nan}`;
}

export function keyTable(key: RunOrderKey & { entity: "metric" | "param" | "tag" }): Prisma.Sql {
  return KEY_TABLES[key.entity];
}

/**
 * One LEFT JOIN per metric, param or tag sort key (on the primary key (runId, key)), then
 * MLflow's tie-breaks: start time, newest first, then run id. Missing values sort last.
 */
export function buildOrder(keys: readonly RunOrderKey[]): OrderPlan {
  const joins: Prisma.Sql[] = [];
  const terms: Prisma.Sql[] = [];
  keys.forEach((key, index) => {
    if (key.entity === "attribute") {
      terms.push(Prisma.sql`${COLUMNS[key.key]} ${sortDirection(key)}`);
      return;
    }
    const alias = Prisma.raw(`o${index + 1}`);
    joins.push(
      Prisma.sql`LEFT JOIN ${keyTable(key)} ${alias} ON ${alias}."runId" = r."id" AND ${keyRowCondition(alias, key)}`,
    );
    terms.push(Prisma.sql`${alias}."value" ${sortDirection(key)}`);
  });
  terms.push(Prisma.sql`r."startTime" DESC`, Prisma.sql`r."id" ASC`);
  return { joins, terms };
}

/**
 * The leading sort key over rows that have it: the value is never null there, so no NULLS clause,
 * which lets DESC read the (key, value) index backwards (DESC NULLS LAST would sort every run).
 */
export function buildLeadTerm(key: RunOrderKey): Prisma.Sql {
  return key.direction === "DESC" ? Prisma.sql`o0."value" DESC` : Prisma.sql`o0."value" ASC`;
}
