// Deployments of the first models' production versions, each with a baseline profile of its
// training dataset version and one window profile per feature per day, and a stored drift report
// per window (200 features). Every histogram has the same 10 bins, so windows line up with
// baselines (matchWindow's rule). Report figures are synthetic: a feature's PSI follows the
// shift that its window histogram was drawn with, rather than being recomputed here.
import { EPOCH_SQL, padSql, uniformSql } from "./config.ts";
import { modelVersionIdSql, versionRunSql } from "./seed-registry.ts";
import type { PartContext } from "./seed-tracking.ts";

const EDGES = "ARRAY[-1.6, -1.2, -0.8, -0.4, 0, 0.4, 0.8, 1.2, 1.6]::float8[]";
const BASE = [10, 30, 60, 100, 150, 150, 100, 60, 30, 10];

export const deploymentIdSql = (d: string) => padSql("bench-dep-", d, 3);
export const featureSql = (f: string) => `'f' || lpad((${f})::text, 3, '0')`;

/** Counts of the 10 bins, tilted right by `shift` (0: the baseline's shape). */
const countsSql = (shift: string, scale: string) =>
  `ARRAY[${BASE.map((base, i) => `round(${base} * ${scale} * greatest(0.05, 1 + (${shift}) * ${((i - 4.5) / 4.5).toFixed(3)}))::int`).join(", ")}]`;

export async function seedDrift({ db, sizes, seed, log }: PartContext): Promise<void> {
  const { deployments, features, windows, versionsPerModel: V, longRuns } = sizes;
  const productionVersion = (d: string) => `(${d} - 1) * ${V} + ${V - 1}`;
  await db.sql.exec(`
    INSERT INTO "Deployment" ("id", "versionId", "service", "environment", "startedAt", "digest")
    SELECT ${deploymentIdSql("d")}, ${modelVersionIdSql(productionVersion("d"))}, 'service-' || d,
      'production', ${EPOCH_SQL} - interval '10 days', 'sha256:' || md5('mv' || ${productionVersion("d")}) || md5(${productionVersion("d")} || 'mv')
    FROM generate_series(1, ${deployments}) d;

    INSERT INTO "FeatureProfile" ("id", "kind", "feature", "type", "datasetVersionId", "edges",
      "counts", "missingCount", "totalCount", "createdAt")
    SELECT 'bench-fpb-' || lpad(d::text, 3, '0') || '-' || f, 'BASELINE', ${featureSql("f")}, 'NUMERIC',
      i."datasetVersionId", ${EDGES}, ${countsSql("0", "100")}, 100, ${BASE.reduce((a, b) => a + b, 0) * 100 + 100},
      ${EPOCH_SQL} - interval '100 days'
    FROM generate_series(1, ${deployments}) d
    JOIN "RunInput" i ON i."runId" = ${versionRunSql(productionVersion("d"), longRuns)} AND i.context = 'TRAINING'
    CROSS JOIN generate_series(1, ${features}) f
    ON CONFLICT DO NOTHING;`);
  log(`  ${deployments} deployments, baselines of ${features} features`);

  // A feature's shift on day w: small noise, and the first tenth of the features drift away
  // over the year (so reports go from NONE to SIGNIFICANT and the trend chart has a slope).
  const shift = `(0.05 * ${uniformSql("d * 1000003 + w * 1009 + f", seed)}
    + CASE WHEN f <= ${Math.max(1, Math.floor(features / 10))} THEN 0.8 * w / ${windows} ELSE 0 END)`;
  const windowStart = `${EPOCH_SQL} + (w - 1) * interval '1 day'`;
  for (let d = 1; d <= deployments; d += 1) {
    await db.sql.exec(`
      INSERT INTO "FeatureProfile" ("id", "kind", "feature", "type", "deploymentId", "windowStart",
        "windowEnd", "edges", "counts", "missingCount", "totalCount", "createdAt")
      SELECT 'bench-fpw-' || lpad(d::text, 3, '0') || '-' || w || '-' || f, 'WINDOW', ${featureSql("f")},
        'NUMERIC', ${deploymentIdSql("d")}, ${windowStart}, ${windowStart} + interval '1 day', ${EDGES},
        c.counts, c.missing, (SELECT sum(x)::int FROM unnest(c.counts) x) + c.missing, ${windowStart} + interval '1 day'
      FROM (SELECT ${d} AS d) dd CROSS JOIN generate_series(1, ${windows}) w CROSS JOIN generate_series(1, ${features}) f,
        LATERAL (SELECT ${countsSql(shift, "10")} AS counts,
          floor(20 * ${uniformSql("d * 7 + w * 31 + f * 1013", seed)})::int AS missing) c`);
    await db.sql.exec(`
      WITH drift AS (
        SELECT w, f, ${shift} AS s FROM (SELECT ${d} AS d) dd
        CROSS JOIN generate_series(1, ${windows}) w CROSS JOIN generate_series(1, ${features}) f
      ), scored AS (
        SELECT w, f, s, 0.6 * s * s + 0.002 AS psi FROM drift
      ), graded AS (
        SELECT w, f, psi, CASE WHEN psi >= 0.25 THEN 'SIGNIFICANT' WHEN psi >= 0.1 THEN 'MODERATE'
          ELSE 'NONE' END AS severity FROM scored
      )
      INSERT INTO "DriftReport" ("id", "deploymentId", "baselineDatasetVersionId", "windowStart",
        "windowEnd", "features", "driftedShare", "severity", "computedAt")
      SELECT 'bench-dr-' || lpad(${d}::text, 3, '0') || '-' || w, ${deploymentIdSql(String(d))},
        (SELECT i."datasetVersionId" FROM "RunInput" i
          WHERE i."runId" = ${versionRunSql(productionVersion(String(d)), longRuns)} AND i.context = 'TRAINING'),
        ${windowStart}, ${windowStart} + interval '1 day',
        jsonb_agg(jsonb_build_object('feature', ${featureSql("f")}, 'psi', round(psi::numeric, 6),
          'klCurrentReference', round((psi / 2)::numeric, 6), 'klReferenceCurrent', round((psi / 2)::numeric, 6),
          'jsDistance', round(sqrt(psi / 8)::numeric, 6), 'missingShareDelta', 0, 'severity', severity,
          'referenceCount', ${BASE.reduce((a, b) => a + b, 0) * 100}, 'currentCount', ${BASE.reduce((a, b) => a + b, 0) * 10}) ORDER BY f),
        avg((severity <> 'NONE')::int),
        (CASE WHEN bool_or(severity = 'SIGNIFICANT') THEN 'SIGNIFICANT'
          WHEN bool_or(severity = 'MODERATE') THEN 'MODERATE' ELSE 'NONE' END)::"Severity",
        ${windowStart} + interval '1 day' + interval '5 minutes'
      FROM graded GROUP BY w;

      INSERT INTO "WindowMetric" ("id", "reportId", "key", "value")
      SELECT 'bench-wm-' || lpad(${d}::text, 3, '0') || '-' || w, 'bench-dr-' || lpad(${d}::text, 3, '0') || '-' || w,
        'accuracy', 0.92 - 0.08 * w / ${windows} + 0.01 * ${uniformSql(`${d} * 17 + w`, seed)}
      FROM generate_series(1, ${windows}) w;`);
    if (d % 10 === 0 || d === deployments) log(`  drift: ${d} / ${deployments} deployments`);
  }
  log(`  ${deployments * windows * features} window profiles, ${deployments * windows} reports`);
}
