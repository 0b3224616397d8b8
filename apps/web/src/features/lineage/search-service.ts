import "server-only";
import type { Database } from "@pedigree/db";
import { type EntityKind, formatNodeId } from "@pedigree/domain";
import type { LineageSearchHit } from "./types.ts";

const PER_KIND = 8;

type Pattern = "contains" | "prefix" | "exact";

/** Each finder answers `key`, `label` and `detail`; its parameters are the patterns it names. */
const FINDERS: { kind: EntityKind; args: Pattern[]; sql: string }[] = [
  {
    // A model name leads to its production version, or its newest.
    kind: "modelVersion",
    args: ["contains"],
    sql: `SELECT v.id AS key, r.name || ' v' || v.version AS label, lower(v.stage::text) AS detail
      FROM "RegisteredModel" r
      JOIN LATERAL (SELECT id, version, stage FROM "ModelVersion" WHERE "modelId" = r.id
        ORDER BY (stage = 'PRODUCTION') DESC, version DESC LIMIT 1) v ON true
      WHERE r.name ILIKE $1 ORDER BY r.name LIMIT ${PER_KIND}`,
  },
  {
    // A dataset name leads to its newest version; a version id prefix to that version.
    kind: "datasetVersion",
    args: ["contains", "prefix"],
    sql: `SELECT v.id AS key, d.name || ' ' || left(v.id, 8) AS label, v."rowCount"::text || ' rows' AS detail
      FROM "Dataset" d
      JOIN LATERAL (SELECT id, "rowCount" FROM "DatasetVersion" WHERE "datasetId" = d.id
        ORDER BY "createdAt" DESC LIMIT 1) v ON true
      WHERE d.name ILIKE $1
      UNION
      SELECT v.id, d.name || ' ' || left(v.id, 8), v."rowCount"::text || ' rows'
      FROM "DatasetVersion" v JOIN "Dataset" d ON d.id = v."datasetId" WHERE v.id LIKE $2
      LIMIT ${PER_KIND}`,
  },
  {
    kind: "partition",
    args: ["contains"],
    sql: `SELECT id AS key, uri AS label, coalesce("partitionKey", '') AS detail FROM "RawPartition"
      WHERE uri ILIKE $1 ORDER BY uri LIMIT ${PER_KIND}`,
  },
  {
    kind: "run",
    args: ["contains", "exact"],
    sql: `SELECT id AS key, name AS label, lower(status::text) AS detail FROM "Run"
      WHERE name ILIKE $1 OR id = $2 ORDER BY "startTime" DESC LIMIT ${PER_KIND}`,
  },
  {
    kind: "commit",
    args: ["prefix"],
    sql: `SELECT id AS key, left(sha, 10) || ' ' || split_part(message, E'\\n', 1) AS label, repo AS detail
      FROM "CodeCommit" WHERE sha LIKE $1 ORDER BY "committedAt" DESC NULLS LAST LIMIT ${PER_KIND}`,
  },
  {
    kind: "job",
    args: ["contains"],
    sql: `SELECT id AS key, name AS label, namespace AS detail FROM "OpenLineageJob"
      WHERE name ILIKE $1 ORDER BY name LIMIT ${PER_KIND}`,
  },
];

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Model names, dataset names and version ids, partition uris, run names, commit shas, jobs. */
export async function searchLineage(db: Database, q: string): Promise<LineageSearchHit[]> {
  const term = q.trim();
  if (term.length < 2) return [];
  const patterns: Record<Pattern, string> = {
    contains: `%${escapeLike(term)}%`,
    prefix: `${escapeLike(term.toLowerCase())}%`,
    exact: term,
  };
  const hits: LineageSearchHit[] = [];
  for (const finder of FINDERS) {
    const rows = await db.sql.query<{ key: string; label: string; detail: string }>(
      finder.sql,
      finder.args.map((arg) => patterns[arg]),
    );
    for (const row of rows) {
      hits.push({
        nodeId: formatNodeId(finder.kind, row.key),
        kind: finder.kind,
        label: row.label,
        detail: row.detail,
      });
    }
  }
  return hits;
}
