import "server-only";
import { type Database, Prisma } from "@pedigree/db";
import { parseRunFilter, parseRunOrderBy, type RunOrderKey } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { loadRunDetails } from "./load-runs.ts";
import { decodePageToken, encodePageToken, fingerprintQuery } from "./page-token.ts";
import {
  buildCondition,
  buildLeadTerm,
  buildOrder,
  keyRowCondition,
  keyTable,
} from "./search-sql.ts";
import type { RunSearchInput, RunSearchPage, RunViewType } from "./types.ts";

export const DEFAULT_MAX_RESULTS = 1000;
export const MAX_MAX_RESULTS = 50_000;

const VIEW_CONDITIONS: Record<RunViewType, Prisma.Sql> = {
  ACTIVE_ONLY: Prisma.sql`r."lifecycleStage" = 'ACTIVE'`,
  DELETED_ONLY: Prisma.sql`r."lifecycleStage" = 'DELETED'`,
  ALL: Prisma.sql`TRUE`,
};

type KeyOrder = RunOrderKey & { entity: "metric" | "param" | "tag" };

/**
 * searchRuns(db, { experimentIds, filter?, orderBy?, maxResults?, pageToken?, viewType? })
 *   => Promise<{ runs: RunRecord[]; nextPageToken: string | null }>
 *
 * The runs of the given experiments that match an MLflow filter, in MLflow's order (the order_by
 * keys with missing values last, then start time newest first, then run id), one page at a time.
 * Each run comes with its params, tags, latest metrics and dataset inputs (types.ts). One SQL
 * query selects the page's run ids (metric filters and sorts read LatestMetric, never the curves);
 * one more loads the details of the whole page. A bad filter, order_by, max_results or page token
 * is AppError INVALID_INPUT with the parser's message (position and what was expected).
 */
export async function searchRuns(db: Database, input: RunSearchInput): Promise<RunSearchPage> {
  const filter = parseRunFilter(input.filter ?? "");
  if (!filter.ok) throw new AppError("INVALID_INPUT", filter.error.message, filter.error);
  const order = parseRunOrderBy(input.orderBy ?? []);
  if (!order.ok) {
    throw new AppError("INVALID_INPUT", `order_by: ${order.error.message}`, order.error);
  }
  const maxResults = input.maxResults ?? DEFAULT_MAX_RESULTS;
  if (!Number.isSafeInteger(maxResults) || maxResults < 1 || maxResults > MAX_MAX_RESULTS) {
    throw new AppError("INVALID_INPUT", `max_results must be between 1 and ${MAX_MAX_RESULTS}`);
  }
  const viewType = input.viewType ?? "ACTIVE_ONLY";
  const fingerprint = fingerprintQuery([input.experimentIds, filter.value, order.value, viewType]);
  const offset = decodePageToken(input.pageToken, fingerprint);
  if (input.experimentIds.length === 0) return { runs: [], nextPageToken: null };

  const experiments = Prisma.join(input.experimentIds);
  const conditions = [VIEW_CONDITIONS[viewType], ...filter.value.map(buildCondition)];
  const [lead, ...rest] = order.value;
  const ids =
    lead && lead.entity !== "attribute"
      ? await selectByKey(db, lead, rest, { experiments, conditions }, maxResults + 1, offset)
      : await selectIds(
          db,
          order.value,
          [Prisma.sql`r."experimentId" IN (${experiments})`, ...conditions],
          maxResults + 1,
          offset,
        );
  const hasMore = ids.length > maxResults;
  return {
    runs: await loadRunDetails(db, ids.slice(0, maxResults)),
    nextPageToken: hasMore ? encodePageToken(offset + maxResults, fingerprint) : null,
  };
}

/**
 * LIMIT and OFFSET as literals, not parameters: with a parameter, the generic plan of a prepared
 * statement cannot know the page is small and sorts every matching run instead of walking an
 * index. Both are checked safe integers, never user text.
 */
function page(limit: number, offset: number): Prisma.Sql {
  if (!Number.isSafeInteger(limit) || !Number.isSafeInteger(offset) || limit < 0 || offset < 0) {
    throw new AppError("INTERNAL", "A page needs non-negative integer bounds");
  }
  return Prisma.raw(`LIMIT ${limit} OFFSET ${offset}`);
}

async function selectIds(
  db: Database,
  keys: readonly RunOrderKey[],
  conditions: Prisma.Sql[],
  limit: number,
  offset: number,
): Promise<string[]> {
  const { joins, terms } = buildOrder(keys);
  const rows = await db.prisma.$queryRaw<{ id: string }[]>`
    SELECT r."id" FROM "Run" r ${joins.length > 0 ? Prisma.join(joins, " ") : Prisma.empty}
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${Prisma.join(terms, ", ")}
    ${page(limit, offset)}`;
  return rows.map((row) => row.id);
}

/**
 * Sorting by a metric, param or tag: first the runs that have the key, read in the order of the
 * (key, value) index so a page stops after `limit` matches instead of sorting every run; then,
 * only when that part runs out, the runs without the key (missing values sort last). A metric's
 * rows carry their run's experiment: filtering on that copy (and not on the run's as well, which
 * would make the planner count the condition twice) lets one experiment's page walk the
 * (experimentId, key, value) index, and many experiments' the (key, value) one.
 */
async function selectByKey(
  db: Database,
  lead: KeyOrder,
  rest: readonly RunOrderKey[],
  scope: { experiments: Prisma.Sql; conditions: Prisma.Sql[] },
  limit: number,
  offset: number,
): Promise<string[]> {
  const o0 = Prisma.raw("o0");
  const { joins, terms } = buildOrder(rest);
  const restJoins = joins.length > 0 ? Prisma.join(joins, " ") : Prisma.empty;
  const inExperiments = (alias: string) =>
    Prisma.sql`${Prisma.raw(alias)}."experimentId" IN (${scope.experiments})`;
  const keyRows = lead.entity === "metric" ? "o0" : "r";
  const withKey = Prisma.sql`FROM ${keyTable(lead)} o0 JOIN "Run" r ON r."id" = o0."runId" ${restJoins}
    WHERE ${keyRowCondition(o0, lead)} AND ${Prisma.join([inExperiments(keyRows), ...scope.conditions], " AND ")}`;
  const rows = await db.prisma.$queryRaw<{ id: string }[]>`
    SELECT r."id" ${withKey}
    ORDER BY ${buildLeadTerm(lead)}, ${Prisma.join(terms, ", ")}
    ${page(limit, offset)}`;
  if (rows.length === limit) return rows.map((row) => row.id);
  // The page reaches past the runs with the key: how many there are decides the offset among
  // the runs without it (known without counting unless this page holds none of them).
  let withKeyCount = offset + rows.length;
  if (rows.length === 0 && offset > 0) {
    const [count] = await db.prisma.$queryRaw<
      { count: number }[]
    >`SELECT COUNT(*)::int AS count ${withKey}`;
    withKeyCount = count?.count ?? 0;
  }
  const x = Prisma.raw("x");
  const rest2 = await db.prisma.$queryRaw<{ id: string }[]>`
    SELECT r."id" FROM "Run" r ${restJoins}
    WHERE ${Prisma.join([inExperiments("r"), ...scope.conditions], " AND ")}
      AND NOT EXISTS (SELECT 1 FROM ${keyTable(lead)} x WHERE x."runId" = r."id" AND ${keyRowCondition(x, lead)})
    ORDER BY ${Prisma.join(terms, ", ")}
    ${page(limit - rows.length, Math.max(0, offset - withKeyCount))}`;
  return [...rows, ...rest2].map((row) => row.id);
}
