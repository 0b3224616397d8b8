// Registered models and their versions (each trained by its own run), the stage history that
// explains each version's stage, a `champion` alias, and the OpenLineage jobs, runs and edges of
// the training pipelines. Versions are inserted through the one-production-version trigger.
import { EPOCH_SQL, padSql } from "./config.ts";
import { BENCH_USER_ID } from "./seed-code.ts";
import type { DatasetVersionRefs } from "./seed-datasets.ts";
import { commitIdSql, type PartContext, runIdSql } from "./seed-tracking.ts";

export const modelNameSql = (m: string) => `'model-' || lpad((${m})::text, 4, '0')`;
export const modelVersionIdSql = (n: string) => padSql("bench-mv-", n);
/** The run that trained version n (1-based over all models): after the long-curve runs. */
export const versionRunSql = (n: string, longRuns: number) => runIdSql(`${longRuns} + (${n})`);

/** Version V is in staging, V - 1 in production, the older ones archived. */
const stageSql = (v: string, versions: number) =>
  `(CASE WHEN ${v} = ${versions} THEN 'STAGING' WHEN ${v} = ${versions - 1} THEN 'PRODUCTION'
    ELSE 'ARCHIVED' END)::"Stage"`;

export async function seedRegistry(
  { db, sizes, log }: PartContext,
  datasetVersions: DatasetVersionRefs,
): Promise<void> {
  const { models, versionsPerModel: V, longRuns } = sizes;
  const versions = `generate_series(1, ${models}) m CROSS JOIN generate_series(1, ${V}) v,
    LATERAL (SELECT (m - 1) * ${V} + v AS n) x`;
  const createdSql = `${EPOCH_SQL} - interval '200 days' + (${longRuns} + n) * interval '1 minute' + interval '1 hour'`;
  await db.sql.exec(`
    INSERT INTO "RegisteredModel" ("id", "name", "description", "createdAt", "updatedAt")
    SELECT ${padSql("bench-model-", "m", 4)}, ${modelNameSql("m")}, 'bench model ' || m,
      ${EPOCH_SQL} - interval '250 days', ${EPOCH_SQL} - interval '100 days'
    FROM generate_series(1, ${models}) m;

    INSERT INTO "ModelVersion" ("id", "modelId", "version", "runId", "source", "stage", "status",
      "createdById", "createdAt", "updatedAt", "stageChangedAt")
    SELECT ${modelVersionIdSql("n")}, ${padSql("bench-model-", "m", 4)}, v, ${versionRunSql("n", longRuns)},
      's3://bench-models/' || ${modelNameSql("m")} || '/' || v, ${stageSql("v", V)}, 'READY',
      '${BENCH_USER_ID}', ${createdSql}, ${createdSql}, ${createdSql} + interval '1 day'
    FROM ${versions};

    INSERT INTO "ModelVersionTag" ("versionId", "key", "value")
    SELECT ${modelVersionIdSql("n")}, 'artifact_digest', 'sha256:' || md5('mv' || n) || md5(n || 'mv')
    FROM ${versions};

    INSERT INTO "ModelAlias" ("modelId", "alias", "versionId")
    SELECT ${padSql("bench-model-", "m", 4)}, 'champion', ${modelVersionIdSql(`(m - 1) * ${V} + ${V - 1}`)}
    FROM generate_series(1, ${models}) m;

    INSERT INTO "StageTransition" ("id", "modelId", "versionId", "fromStage", "toStage", "actorId",
      "reason", "createdAt")
    SELECT 'bench-st-' || lpad(n::text, 7, '0') || '-' || t.i, ${padSql("bench-model-", "m", 4)},
      ${modelVersionIdSql("n")}, t.from_stage::"Stage", t.to_stage::"Stage", '${BENCH_USER_ID}',
      t.reason, ${createdSql} + t.i * interval '1 hour'
    FROM ${versions}
    CROSS JOIN (VALUES (1, 'NONE', 'STAGING', 'candidate'), (2, 'STAGING', 'PRODUCTION', 'approved'),
      (3, 'PRODUCTION', 'ARCHIVED', 'replaced')) AS t(i, from_stage, to_stage, reason)
    WHERE t.i = 1 OR (t.i = 2 AND v < ${V}) OR (t.i = 3 AND v < ${V - 1});`);
  log(`  ${models} models x ${V} versions, stage history, champion aliases`);

  // OpenLineage: one training job per model, one run per version; the run reads the version's
  // training dataset version and writes the model version.
  await db.sql.query(
    `
    INSERT INTO "OpenLineageJob" ("id", "namespace", "name", "commitId", "createdAt", "updatedAt")
    SELECT ${padSql("bench-job-", "m", 4)}, 'airflow', 'train_' || ${modelNameSql("m")},
      ${commitIdSql(`1 + m % ${sizes.commits}`)}, ${EPOCH_SQL} - interval '250 days', ${EPOCH_SQL} - interval '250 days'
    FROM generate_series(1, ${models}) m`,
  );
  await db.sql.exec(`
    INSERT INTO "OpenLineageDataset" ("id", "namespace", "name", "createdAt", "updatedAt")
    SELECT ${padSql("bench-old-", "d", 4)}, 's3://bench-lake', 'dataset-' || lpad(d::text, 4, '0'),
      ${EPOCH_SQL} - interval '250 days', ${EPOCH_SQL} - interval '250 days'
    FROM generate_series(1, ${sizes.datasets}) d
    UNION ALL
    SELECT ${padSql("bench-olm-", "m", 4)}, 'pedigree', 'models/' || ${modelNameSql("m")},
      ${EPOCH_SQL} - interval '250 days', ${EPOCH_SQL} - interval '250 days'
    FROM generate_series(1, ${models}) m;

    INSERT INTO "OpenLineageRun" ("id", "jobId", "state", "startedAt", "endedAt", "commitId", "lastEventAt")
    SELECT uuid, ${padSql("bench-job-", "m", 4)}, 'COMPLETE', ${createdSql} - interval '50 minutes',
      ${createdSql} - interval '5 minutes', ${commitIdSql(`1 + m % ${sizes.commits}`)}, ${createdSql} - interval '5 minutes'
    FROM ${versions}, LATERAL (SELECT md5('olrun' || n) AS h) hh,
      LATERAL (SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a'
        || substr(h, 18, 3) || '-' || substr(h, 21, 12) AS uuid) u;`);
  // The dataset a version's run read: the run's training input (seed-datasets.ts).
  const runIndex = `${longRuns} + n`;
  await db.sql.query(
    `INSERT INTO "OpenLineageEdge" ("id", "key", "jobId", "runId", "datasetId", "direction", "version",
       "datasetVersionId", "modelVersionId")
     SELECT 'bench-ole-' || lpad(n::text, 7, '0') || '-' || e.dir, ${padSql("bench-job-", "m", 4)} || '|' || r.id
         || '|' || e.dataset || '|' || e.dir, ${padSql("bench-job-", "m", 4)}, r.id, e.dataset,
       e.dir::"OpenLineageDirection", e.version, e.dv, e.mv
     FROM ${versions},
       LATERAL (SELECT "id" FROM "OpenLineageRun" WHERE "id" = (SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4)
         || '-4' || substr(h, 14, 3) || '-a' || substr(h, 18, 3) || '-' || substr(h, 21, 12)
         FROM (SELECT md5('olrun' || n) AS h) hh)) r,
       LATERAL (SELECT ($1::text[])[1 + (${runIndex} - 1) % ${datasetVersions.ids.length}] AS dv) t,
       LATERAL (SELECT dv."datasetId" AS ds FROM "DatasetVersion" dv WHERE dv."id" = t.dv) dsv,
       LATERAL (VALUES
         ('INPUT', 'bench-old-' || substr(dsv.ds, 10), t.dv, t.dv, NULL::text),
         ('OUTPUT', ${padSql("bench-olm-", "m", 4)}, NULL, NULL, ${modelVersionIdSql("n")})
       ) AS e(dir, dataset, version, dv, mv)`,
    [datasetVersions.ids],
  );
  log(`  ${models} OpenLineage jobs, ${models * V} runs, ${2 * models * V} edges`);
}
