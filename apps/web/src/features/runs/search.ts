import "server-only";
import { type Database, Prisma } from "@pedigree/db";
import { parseRunFilter, parseRunOrderBy } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { loadRunDetails } from "./load-runs.ts";
import { decodePageToken, encodePageToken, fingerprintQuery } from "./page-token.ts";
import { buildCondition, buildOrder } from "./search-sql.ts";
import type { RunSearchInput, RunSearchPage, RunViewType } from "./types.ts";

export const DEFAULT_MAX_RESULTS = 1000;
export const MAX_MAX_RESULTS = 50_000;

const VIEW_CONDITIONS: Record<RunViewType, Prisma.Sql> = {
  ACTIVE_ONLY: Prisma.sql`r."lifecycleStage" = 'ACTIVE'`,
  DELETED_ONLY: Prisma.sql`r."lifecycleStage" = 'DELETED'`,
  ALL: Prisma.sql`TRUE`,
};

/**
 * searchRuns(db, { experimentIds, filter?, orderBy?, maxResults?, pageToken?, viewType? })
 *   => Promise<{ runs: RunRecord[]; nextPageToken: string | null }>
 *
 * The runs of the given experiments that match an MLflow filter, in MLflow's order (the order_by
 * keys, then start time newest first, then run id), one page at a time. Each run comes with its
 * params, tags, latest metrics and dataset inputs. One SQL query selects the page's run ids (metric
 * filters and sorts read LatestMetric, never the curves); three more load the details of the whole
 * page. A bad filter, order_by, max_results or page token is AppError INVALID_INPUT with the
 * parser's message (position and what was expected).
 */
export async function searchRuns(db: Database, input: RunSearchInput): Promise<RunSearchPage> {
  const filter = parseRunFilter(input.filter ?? "");
  if (!filter.ok) throw new AppError("INVALID_INPUT", filter.error.message, filter.error);
  const order = parseRunOrderBy(input.orderBy ?? []);
  if (!order.ok)
    throw new AppError("INVALID_INPUT", `order_by: ${order.error.message}`, order.error);
  const maxResults = input.maxResults ?? DEFAULT_MAX_RESULTS;
  if (!Number.isSafeInteger(maxResults) || maxResults < 1 || maxResults > MAX_MAX_RESULTS) {
    throw new AppError("INVALID_INPUT", `max_results must be between 1 and ${MAX_MAX_RESULTS}`);
  }
  const viewType = input.viewType ?? "ACTIVE_ONLY";
  const fingerprint = fingerprintQuery([input.experimentIds, filter.value, order.value, viewType]);
  const offset = decodePageToken(input.pageToken, fingerprint);
  if (input.experimentIds.length === 0) return { runs: [], nextPageToken: null };

  const conditions = [
    Prisma.sql`r."experimentId" IN (${Prisma.join(input.experimentIds)})`,
    VIEW_CONDITIONS[viewType],
    ...filter.value.map(buildCondition),
  ];
  const { joins, terms } = buildOrder(order.value);
  const rows = await db.prisma.$queryRaw<{ id: string }[]>`
    SELECT r."id" FROM "Run" r
    ${joins.length > 0 ? Prisma.join(joins, " ") : Prisma.empty}
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${Prisma.join(terms, ", ")}
    LIMIT ${maxResults + 1} OFFSET ${offset}`;
  const hasMore = rows.length > maxResults;
  const ids = rows.slice(0, maxResults).map((row) => row.id);
  return {
    runs: await loadRunDetails(db, ids),
    nextPageToken: hasMore ? encodePageToken(offset + maxResults, fingerprint) : null,
  };
}
