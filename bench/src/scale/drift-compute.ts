// The drift report's compute alone (no I/O): a window's 200 profiles matched to the baseline and
// scored, as the profiles ingest does, on profiles read from the bench database.
import type { Database } from "@pedigree/db";
import { buildDriftReport, matchWindow, type NamedProfile } from "@pedigree/domain";
import { measure } from "../stats.ts";

const columns = `feature, type::text AS type, edges, categories, counts, "missingCount", "totalCount"`;

async function readProfiles(
  db: Database,
  where: string,
  params: unknown[],
): Promise<NamedProfile[]> {
  const rows = await db.sql.query<Omit<NamedProfile, "stats">>(
    `SELECT ${columns} FROM "FeatureProfile" WHERE ${where} ORDER BY feature`,
    params,
  );
  return rows.map((row) => ({ ...row, stats: {} }));
}

/** The latest window's report of a deployment, scored from its stored profiles (no I/O inside). */
export async function prepareDriftCompute(db: Database, deploymentId: string) {
  const [report] = await db.sql.query<{ baseline: string; windowStart: Date }>(
    `SELECT "baselineDatasetVersionId" AS baseline, "windowStart" FROM "DriftReport"
     WHERE "deploymentId" = $1 ORDER BY "windowStart" DESC LIMIT 1`,
    [deploymentId],
  );
  if (!report) throw new Error(`deployment ${deploymentId} has no drift report`);
  const baseline = await readProfiles(db, `kind = 'BASELINE' AND "datasetVersionId" = $1`, [
    report.baseline,
  ]);
  const window = await readProfiles(
    db,
    `kind = 'WINDOW' AND "deploymentId" = $1 AND "windowStart" = $2`,
    [deploymentId, report.windowStart],
  );
  return () => {
    const pairs = matchWindow(baseline, window);
    if (!pairs.ok)
      throw new Error(`window does not match its baseline: ${JSON.stringify(pairs.error)}`);
    const built = buildDriftReport(pairs.value);
    if (!built.ok) throw new Error(`drift report refused: ${JSON.stringify(built.error)}`);
    return built.value;
  };
}

export async function measureDriftCompute(db: Database, deploymentId: string) {
  const score = await prepareDriftCompute(db, deploymentId);
  const features = score().features.length;
  const stats = await measure(async () => score(), { count: 500, warmup: 50 });
  return { ...stats, features };
}
