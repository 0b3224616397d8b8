// Datasets, raw partitions and dataset versions. A version's id is the real content hash
// (computeDatasetVersionId over its partitions' checksums, commit and params), so the data set
// passes the same checks as registered data; checksums are md5 text computed alike in SQL and here.
import { createHash } from "node:crypto";
import { computeDatasetVersionId } from "@pedigree/domain/server";
import { EPOCH_SQL, padId, padSql, partitionLayout } from "./config.ts";
import { type PartContext, runIdSql } from "./seed-tracking.ts";

const md5 = (text: string) => createHash("md5").update(text).digest("hex");
const checksumSql = (p: string, seed: number) =>
  `md5('${seed}:p:' || (${p})) || md5((${p}) || ':p:${seed}')`;
const checksum = (p: number, seed: number) => md5(`${seed}:p:${p}`) + md5(`${p}:p:${seed}`);
const commitSha = (c: number, seed: number) =>
  md5(`${seed}:c:${c}`) + md5(`${c}:c:${seed}`).slice(0, 8);

export interface DatasetVersionRefs {
  /** Dataset version ids, index w - 1 for version w. */
  ids: string[];
}

export async function seedDatasets({
  db,
  sizes,
  seed,
  log,
}: PartContext): Promise<DatasetVersionRefs> {
  const { datasets, datasetVersions, partitionsPerVersion, commits } = sizes;
  const layout = partitionLayout(sizes);
  await db.sql.exec(`
    INSERT INTO "Dataset" ("id", "name", "description", "createdAt")
    SELECT ${padSql("bench-ds-", "d", 4)}, 'dataset-' || lpad(d::text, 4, '0'), 'bench data set ' || d,
      ${EPOCH_SQL} - interval '500 days'
    FROM generate_series(1, ${datasets}) d`);
  const chunk = 200_000;
  for (let from = 1; from <= layout.total; from += chunk) {
    const to = Math.min(layout.total, from + chunk - 1);
    await db.sql.exec(`
      INSERT INTO "RawPartition" ("id", "uri", "checksum", "rowCount", "bytes", "partitionKey", "createdAt")
      SELECT ${padSql("bench-part-", "p", 8)},
        's3://bench-lake/dataset-' || lpad((1 + (p - 1) / ${layout.perDataset})::text, 4, '0')
          || '/dt=' || to_char(h, 'YYYY-MM-DD"/hour="HH24') || '/part-0.parquet',
        ${checksumSql("p", seed)}, 10000 + (p % 5000), (10000 + (p % 5000)) * 120,
        'dt=' || to_char(h, 'YYYY-MM-DD"T"HH24'), h
      FROM generate_series(${from}, ${to}) p,
        LATERAL (SELECT ${EPOCH_SQL} - interval '450 days'
          + ((p - 1) % ${layout.perDataset}) * interval '1 hour' AS h) t`);
    log(`  raw partitions ${to} / ${layout.total}`);
  }

  // Version w is the k-th of dataset d; it reads partitions [k * stride, k * stride + size).
  const ids: string[] = [];
  const datasetIds: string[] = [];
  const commitIds: string[] = [];
  const firstPartitions: number[] = [];
  const params: string[] = [];
  const ks: number[] = [];
  for (let w = 1; w <= datasetVersions; w += 1) {
    const d = 1 + Math.floor((w - 1) / layout.versionsPerDataset);
    const k = (w - 1) % layout.versionsPerDataset;
    const first = (d - 1) * layout.perDataset + k * layout.stride + 1;
    const c = 1 + (w % commits);
    const versionParams = { window: k, sample: 1 };
    const checksums = Array.from({ length: partitionsPerVersion }, (_, j) =>
      checksum(first + j, seed),
    );
    ids.push(
      computeDatasetVersionId({
        partitionChecksums: checksums,
        commitSha: commitSha(c, seed),
        params: versionParams,
      }),
    );
    datasetIds.push(padId("bench-ds-", d, 4));
    commitIds.push(padId("bench-commit-", c, 5));
    firstPartitions.push(first);
    params.push(JSON.stringify(versionParams));
    ks.push(k);
  }
  const checks = JSON.stringify([
    { name: "row_count", passed: true, details: "" },
    { name: "null_share", passed: true, details: "" },
  ]);
  await db.sql.query(
    `INSERT INTO "DatasetVersion" ("id", "datasetId", "commitId", "params", "rowCount", "schema",
       "qualityChecks", "sourceUri", "createdAt")
     SELECT v.id, v.dataset, v.commit, v.params::jsonb, ${partitionsPerVersion} * 12500,
       '[{"name": "f000", "type": "double"}]'::jsonb, $6::jsonb,
       's3://bench-lake/' || v.dataset || '/v' || v.k,
       ${EPOCH_SQL} - interval '400 days' + v.k * interval '1 hour'
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS v(id, dataset, commit, params, k)`,
    [ids, datasetIds, commitIds, params, ks, checks],
  );
  await db.sql.query(
    `INSERT INTO "DatasetVersionPartition" ("datasetVersionId", "partitionId")
     SELECT v.id, ${padSql("bench-part-", "v.first + j", 8)}
     FROM unnest($1::text[], $2::int[]) AS v(id, first)
     CROSS JOIN generate_series(0, ${partitionsPerVersion - 1}) j`,
    [ids, firstPartitions],
  );
  log(
    `  ${datasets} datasets, ${datasetVersions} versions x ${partitionsPerVersion} partitions (${layout.total} partitions)`,
  );
  // Every run trained on one dataset version (so does every model version, through its run).
  await db.sql.query(
    `INSERT INTO "RunInput" ("runId", "datasetVersionId", "context")
     SELECT ${runIdSql("g")}, ($1::text[])[1 + (g - 1) % ${datasetVersions}], 'TRAINING'
     FROM generate_series(1, ${sizes.runs}) g`,
    [ids],
  );
  log(`  ${sizes.runs} training inputs`);
  return { ids };
}
