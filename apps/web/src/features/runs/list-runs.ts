import "server-only";
import type { Database } from "@pedigree/db";
import { parseColumnList, type RunColumn } from "./columns.ts";
import { CSV_ATTRIBUTE_HEADER, formatCsvRow, formatRunCsvRow } from "./csv.ts";
import { getExperiment, listRunKeys } from "./experiments.ts";
import type { RunListQuery } from "./request-input.ts";
import { searchRuns } from "./search.ts";
import type { RunRecord, RunSearchPage } from "./types.ts";

/** Keeps only the chosen columns' keys of a run (all of them when none is chosen). */
function projectRun(run: RunRecord, columns: readonly RunColumn[]): RunRecord {
  if (columns.length === 0) return run;
  const keep = (entity: RunColumn["entity"]) =>
    new Set(columns.filter((c) => c.entity === entity).map((c) => c.key));
  const [metrics, params, tags] = [keep("metric"), keep("param"), keep("tag")];
  return {
    ...run,
    metrics: run.metrics.filter((m) => metrics.has(m.key)),
    params: run.params.filter((p) => params.has(p.key)),
    tags: run.tags.filter((t) => tags.has(t.key)),
  };
}

/** One page of an experiment's runs for the table; NOT_FOUND for an unknown experiment. */
export async function listExperimentRuns(
  db: Database,
  experimentId: string,
  query: RunListQuery,
): Promise<RunSearchPage> {
  await getExperiment(db, experimentId);
  const page = await searchRuns(db, {
    experimentIds: [experimentId],
    filter: query.filter,
    orderBy: query.orderBy ? [query.orderBy] : [],
    maxResults: query.maxResults ?? 100,
    pageToken: query.page,
  });
  const columns = parseColumnList(query.columns);
  return {
    runs: page.runs.map((run) => projectRun(run, columns)),
    nextPageToken: page.nextPageToken,
  };
}

const EXPORT_PAGE = 1000;

/**
 * The same search as the table as CSV, streamed a page of 1,000 runs at a time, so an export of
 * 100,000 runs never sits in memory. The filter is checked before the first byte is sent, so a
 * bad one is a 400, not a broken download. Without chosen columns, every key of the newest runs.
 */
export async function exportExperimentRuns(
  db: Database,
  experimentId: string,
  query: RunListQuery,
): Promise<{ experimentName: string; body: ReadableStream<Uint8Array> }> {
  const experiment = await getExperiment(db, experimentId);
  const search = {
    experimentIds: [experimentId],
    filter: query.filter,
    orderBy: query.orderBy ? [query.orderBy] : [],
  };
  let columns = parseColumnList(query.columns);
  if (columns.length === 0) {
    const keys = await listRunKeys(db, experimentId);
    columns = [
      ...keys.metrics.map((key) => ({ entity: "metric" as const, key })),
      ...keys.params.map((key) => ({ entity: "param" as const, key })),
      ...keys.tags.map((key) => ({ entity: "tag" as const, key })),
    ];
  }
  let page: RunSearchPage | null = await searchRuns(db, { ...search, maxResults: EXPORT_PAGE });
  const encoder = new TextEncoder();
  const header = formatCsvRow([
    ...CSV_ATTRIBUTE_HEADER,
    ...columns.map(
      (c) =>
        `${c.entity === "metric" ? "metrics" : c.entity === "param" ? "params" : "tags"}.${c.key}`,
    ),
  ]);
  let isHeaderSent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!isHeaderSent) {
        isHeaderSent = true;
        controller.enqueue(encoder.encode(header));
        return;
      }
      if (!page) {
        controller.close();
        return;
      }
      controller.enqueue(
        encoder.encode(page.runs.map((run) => formatRunCsvRow(run, columns)).join("")),
      );
      const token = page.nextPageToken;
      page = token
        ? await searchRuns(db, { ...search, maxResults: EXPORT_PAGE, pageToken: token })
        : null;
    },
  });
  return { experimentName: experiment.name, body };
}
