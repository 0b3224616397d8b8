import "server-only";
import type { Database, SqlRunner } from "@pedigree/db";
import { invalidParameter } from "./errors.ts";
import { logMetrics, type MetricInput } from "./metrics.ts";
import { type KeyValue, loadActiveRun, logParams, setTags } from "./runs.ts";

/** log-batch limits (mlflow-rest.md §4); the Python client splits larger batches itself. */
export const BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000 } as const;

export interface Batch {
  metrics: MetricInput[];
  params: KeyValue[];
  tags: KeyValue[];
}

export function checkBatchLimits(batch: Batch): void {
  for (const kind of ["metrics", "params", "tags"] as const) {
    if (batch[kind].length > BATCH_LIMITS[kind]) {
      throw invalidParameter(
        `A batch logging request can contain at most ${BATCH_LIMITS[kind]} ${kind}. Got ${batch[kind].length} ${kind}. Please split up ${kind} across multiple requests and try again.`,
      );
    }
  }
  const total = batch.metrics.length + batch.params.length + batch.tags.length;
  if (total > BATCH_LIMITS.total) {
    throw invalidParameter(
      `A batch logging request can contain at most ${BATCH_LIMITS.total} total metrics, params and tags. Got ${total}.`,
    );
  }
}

/**
 * Params, then metrics, then tags, as upstream: each kind in one statement, all in one
 * transaction when there is more than one kind, so that a refused param or a lost connection
 * leaves nothing of the batch. A batch of one kind (a training loop's metrics) is one statement,
 * atomic by itself, and skips the transaction's two round trips.
 */
export async function logBatch(db: Database, runId: string, batch: Batch): Promise<void> {
  checkBatchLimits(batch);
  await loadActiveRun(db, runId);
  const kinds = [batch.params, batch.metrics, batch.tags].filter((items) => items.length > 0);
  const write = async (sql: SqlRunner) => {
    await logParams(sql, runId, batch.params);
    await logMetrics(sql, runId, batch.metrics);
    await setTags(sql, runId, batch.tags);
  };
  await (kinds.length > 1 ? db.sql.transaction(write) : write(db.sql));
}
