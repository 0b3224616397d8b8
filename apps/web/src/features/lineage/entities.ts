import "server-only";
import type { Database } from "@pedigree/db";
import { type EntityKind, type EntityNode, formatNodeId } from "@pedigree/domain";

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS'`;

/** Each kind's table and the key its members sort by (byte order, as the domain compares). */
export const KIND_TABLES: Record<EntityKind, { table: string; sortKey: string }> = {
  partition: { table: "RawPartition", sortKey: `coalesce(m."partitionKey", m.uri)` },
  commit: { table: "CodeCommit", sortKey: `coalesce(to_char(m."committedAt", ${ISO}), m.sha)` },
  job: { table: "OpenLineageJob", sortKey: `to_char(m."createdAt", ${ISO})` },
  datasetVersion: { table: "DatasetVersion", sortKey: `to_char(m."createdAt", ${ISO})` },
  run: { table: "Run", sortKey: `to_char(m."startTime", ${ISO})` },
  modelVersion: { table: "ModelVersion", sortKey: `to_char(m."createdAt", ${ISO})` },
  deployment: { table: "Deployment", sortKey: `to_char(m."startedAt", ${ISO})` },
};

type Row = Record<string, string | number | boolean | null>;
type Facts = EntityNode["facts"];

interface KindReader {
  sql: string;
  read(row: Row): Omit<EntityNode, "id" | "kind" | "sortKey">;
}

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
const count = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** One query per kind (`id = ANY($1)`); each starts with `SELECT m.id`, `m` the kind's table. */
const READERS: Record<EntityKind, KindReader> = {
  partition: {
    sql: `SELECT m.id, m.uri, m.checksum, m."partitionKey", m."rowCount"::text AS "rowCount",
        m."flagReason", m."flaggedAt" IS NOT NULL AS flagged
      FROM "RawPartition" m WHERE m.id = ANY($1)`,
    read: (row) => ({
      label: text(row.partitionKey) ?? String(row.uri),
      isProduction: false,
      isFlagged: row.flagged === true,
      facts: pick(row, ["uri", "checksum", "partitionKey", "flagReason"], {
        rowCount: count(row.rowCount),
      }),
    }),
  },
  commit: {
    sql: `SELECT m.id, m.sha, m.repo, m.message, m.author FROM "CodeCommit" m WHERE m.id = ANY($1)`,
    read: (row) => ({
      label: `${String(row.sha).slice(0, 7)} ${String(row.message).split("\n")[0] ?? ""}`.trim(),
      isProduction: false,
      isFlagged: false,
      facts: pick(row, ["sha", "repo", "message", "author"]),
    }),
  },
  job: {
    sql: `SELECT m.id, m.namespace, m.name FROM "OpenLineageJob" m WHERE m.id = ANY($1)`,
    read: (row) => ({
      label: String(row.name),
      isProduction: false,
      isFlagged: false,
      facts: pick(row, ["namespace", "name"]),
    }),
  },
  datasetVersion: {
    sql: `SELECT m.id, d.name AS dataset, m."rowCount"::text AS "rowCount", m."sourceUri",
        (SELECT count(*)::int FROM "DatasetVersionPartition" p WHERE p."datasetVersionId" = m.id) AS partitions
      FROM "DatasetVersion" m JOIN "Dataset" d ON d.id = m."datasetId" WHERE m.id = ANY($1)`,
    read: (row) => ({
      label: `${String(row.dataset)} ${String(row.id).slice(0, 8)}`,
      isProduction: false,
      isFlagged: false,
      facts: pick(row, ["dataset", "sourceUri"], {
        datasetVersion: text(row.id),
        rowCount: count(row.rowCount),
        partitions: count(row.partitions),
      }),
    }),
  },
  run: {
    sql: `SELECT m.id, m.name, m.status::text AS status, to_char(m."startTime", ${ISO}) AS "startTime"
      FROM "Run" m WHERE m.id = ANY($1)`,
    read: (row) => ({
      label: String(row.name || row.id),
      isProduction: false,
      isFlagged: false,
      facts: pick(row, ["name", "status", "startTime"], { runId: text(row.id) }),
    }),
  },
  modelVersion: {
    sql: `SELECT m.id, r.name AS model, m.version, m.stage::text AS stage,
        m."runId" IS NULL AS "noRun"
      FROM "ModelVersion" m JOIN "RegisteredModel" r ON r.id = m."modelId" WHERE m.id = ANY($1)`,
    read: (row) => ({
      label: `${String(row.model)} v${String(row.version)}`,
      isProduction: row.stage === "PRODUCTION",
      isFlagged: row.noRun === true,
      facts: pick(row, ["model", "stage"], { version: count(row.version) }),
    }),
  },
  deployment: {
    sql: `SELECT m.id, m.service, m.environment, to_char(m."startedAt", ${ISO}) AS "startedAt",
        to_char(m."endedAt", ${ISO}) AS "endedAt"
      FROM "Deployment" m WHERE m.id = ANY($1)`,
    read: (row) => ({
      label: `${String(row.service)} (${String(row.environment)})`,
      isProduction: row.environment === "production" && row.endedAt === null,
      isFlagged: false,
      facts: pick(row, ["service", "environment", "startedAt", "endedAt"]),
    }),
  },
};

function pick(row: Row, keys: readonly string[], extra: Facts = {}): Facts {
  const facts: Facts = {};
  for (const key of keys) facts[key] = text(row[key]);
  return { ...facts, ...extra };
}

/** The nodes for these ids, kind by kind; ids that no longer exist are left out. */
export async function loadEntities(
  db: Database,
  ids: ReadonlyMap<EntityKind, ReadonlySet<string>>,
): Promise<EntityNode[]> {
  // One query per kind, side by side (a pool answers them at once; PGlite one after another).
  const perKind = await Promise.all(
    [...ids].map(async ([kind, keys]) => {
      if (keys.size === 0) return [];
      const reader = READERS[kind];
      const { sortKey } = KIND_TABLES[kind];
      // Every reader starts with `SELECT m.id`, `m` being the kind's table.
      const sql = reader.sql.replace("SELECT m.id", `SELECT ${sortKey} AS sort_key, m.id`);
      const rows = await db.sql.query<Row>(sql, [[...keys]]);
      return rows.map(
        (row): EntityNode => ({
          id: formatNodeId(kind, String(row.id)),
          kind,
          sortKey: String(row.sort_key ?? row.id),
          ...reader.read(row),
        }),
      );
    }),
  );
  return perKind.flat();
}
