import "server-only";
import type { Database } from "@pedigree/db";
import { AppError } from "../../server/errors.ts";
import type { ProvenanceView } from "./types.ts";

const CONTEXTS = {
  TRAINING: "training",
  VALIDATION: "validation",
  EVALUATION: "evaluation",
} as const;

interface VersionRow {
  id: string;
  version: number;
  stage: string;
  model: string;
  runId: string | null;
  runName: string | null;
  sha: string | null;
  repo: string | null;
  message: string | null;
  author: string | null;
  params: Record<string, string> | string | null;
}

interface InputRow {
  context: keyof typeof CONTEXTS;
  id: string;
  name: string;
  rowCount: string;
  uri: string | null;
  checksum: string | null;
  partitionRows: string | null;
  partitionKey: string | null;
}

// Two SQL queries rather than one nested Prisma read: the provenance of a version trained on
// 400 partitions must answer in milliseconds (bench/src/lineage-graph.ts).
const VERSION_SQL = `
SELECT v.id, v.version, v.stage::text AS stage, m.name AS model, r.id AS "runId", r.name AS "runName",
  c.sha, c.repo, c.message, c.author,
  (SELECT json_object_agg(p.key, p.value) FROM "Param" p WHERE p."runId" = r.id) AS params
FROM "ModelVersion" v
JOIN "RegisteredModel" m ON m.id = v."modelId"
LEFT JOIN "Run" r ON r.id = v."runId"
LEFT JOIN "CodeCommit" c ON c.id = r."commitId"
WHERE m.name = $1 AND v.version = $2`;

const INPUTS_SQL = `
SELECT i.context::text AS context, dv.id, d.name, dv."rowCount"::text AS "rowCount",
  p.uri, p.checksum, p."rowCount"::text AS "partitionRows", p."partitionKey"
FROM "RunInput" i
JOIN "DatasetVersion" dv ON dv.id = i."datasetVersionId"
JOIN "Dataset" d ON d.id = dv."datasetId"
LEFT JOIN "DatasetVersionPartition" dvp ON dvp."datasetVersionId" = dv.id
LEFT JOIN "RawPartition" p ON p.id = dvp."partitionId"
WHERE i."runId" = $1
ORDER BY i.context, i."datasetVersionId"`;

/** The dataset versions a run read, each with its partitions sorted by uri. */
function groupInputs(rows: readonly InputRow[]): ProvenanceView["datasetVersions"] {
  const byInput = new Map<string, ProvenanceView["datasetVersions"][number]>();
  for (const row of rows) {
    const key = `${row.context}:${row.id}`;
    let input = byInput.get(key);
    if (!input) {
      input = {
        id: row.id,
        name: row.name,
        context: CONTEXTS[row.context],
        rowCount: Number(row.rowCount),
        partitions: [],
      };
      byInput.set(key, input);
    }
    if (row.uri !== null && row.checksum !== null) {
      input.partitions.push({
        uri: row.uri,
        checksum: row.checksum,
        rowCount: row.partitionRows === null ? null : Number(row.partitionRows),
        partitionKey: row.partitionKey,
      });
    }
  }
  for (const input of byInput.values()) input.partitions.sort((a, b) => a.uri.localeCompare(b.uri));
  return [...byInput.values()];
}

export async function getProvenance(
  db: Database,
  name: string,
  version: number,
): Promise<ProvenanceView> {
  const [row] = await db.sql.query<VersionRow>(VERSION_SQL, [name, version]);
  if (!row) throw new AppError("NOT_FOUND", `No version ${version} of a model named ${name}`);
  const run = row.runId ? { id: row.runId, name: row.runName ?? "" } : null;
  const datasetVersions = run
    ? groupInputs(await db.sql.query<InputRow>(INPUTS_SQL, [run.id]))
    : [];
  // json columns arrive parsed from pg and PGlite alike; a string would be a driver's choice.
  const params = typeof row.params === "string" ? JSON.parse(row.params) : (row.params ?? {});
  const commit =
    row.sha !== null && row.repo !== null
      ? { sha: row.sha, repo: row.repo, message: row.message ?? "", author: row.author ?? "" }
      : null;
  const missing: ProvenanceView["missing"] = [];
  if (!run) missing.push("run");
  if (!datasetVersions.some((d) => d.context === "training")) missing.push("datasetVersion");
  if (!commit) missing.push("commit");
  return {
    modelVersion: { id: row.id, name: row.model, version: row.version, stage: row.stage },
    run,
    datasetVersions,
    commit,
    params: Object.fromEntries(
      Object.entries(params as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
    missing,
  };
}

/**
 * What each version of a model misses for the lineage gate, in one query (a version picker
 * marks them without loading every version's partitions).
 */
export async function listMissingLineage(
  db: Database,
  name: string,
): Promise<Map<number, ProvenanceView["missing"]>> {
  const rows = await db.sql.query<{
    version: number;
    has_run: boolean;
    has_training: boolean;
    has_commit: boolean;
  }>(
    `SELECT v.version, v."runId" IS NOT NULL AS has_run, r."commitId" IS NOT NULL AS has_commit,
       EXISTS (SELECT 1 FROM "RunInput" i WHERE i."runId" = v."runId" AND i.context = 'TRAINING')
         AS has_training
     FROM "ModelVersion" v JOIN "RegisteredModel" m ON m.id = v."modelId"
     LEFT JOIN "Run" r ON r.id = v."runId"
     WHERE m.name = $1`,
    [name],
  );
  return new Map(
    rows.map((row) => {
      const missing: ProvenanceView["missing"] = [];
      if (!row.has_run) missing.push("run");
      if (!row.has_training) missing.push("datasetVersion");
      if (!row.has_commit) missing.push("commit");
      return [row.version, missing];
    }),
  );
}
