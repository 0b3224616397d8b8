// For integration tests only: a registered model with versions whose lineage, datasets and
// metrics are built row by row, and users with tokens for each role.
import { randomBytes } from "node:crypto";
import type { Database, Stage } from "@pedigree/db";
import type { Role } from "@pedigree/domain";
import { createTestToken, createTestUser } from "../../server/testing.ts";

export const POLICY = {
  requiredApprovals: { STAGING: 0, PRODUCTION: 2, ROLLBACK: 1 },
  primaryMetric: { key: "accuracy", direction: "maximize" },
  minImprovement: 0.01,
};

export const PAST = new Date(Date.UTC(2020, 0, 1));

interface VersionSpec {
  stage: Stage;
  accuracy: number;
  /** Its training dataset's quality checks all pass (default true). */
  isQualityOk?: boolean;
}

const unique = () => randomBytes(4).toString("hex");

/** A user of the role and an API token of theirs. */
export async function createActor(db: Database, role: Role) {
  const user = await createTestUser(db, { role });
  const { token } = await createTestToken(db, user.id);
  return { id: user.id, role, token };
}

/**
 * A model with versions 1..n as specified. Each has a run with a commit, a TRAINING dataset
 * version with quality checks and an `accuracy` LatestMetric; a PRODUCTION version also gets the
 * transition that put it there, at PAST.
 */
export async function createModel(
  db: Database,
  specs: readonly VersionSpec[],
  policy: object = POLICY,
) {
  const { prisma } = db;
  const name = `model-${unique()}`;
  const experiment = await prisma.experiment.create({
    data: { name: `exp-${name}`, artifactLocation: `s3://exp/${name}` },
  });
  const commit = await prisma.codeCommit.create({
    data: { repo: "git@example.com:ml.git", sha: randomBytes(20).toString("hex") },
  });
  const dataset = await prisma.dataset.create({ data: { name: `ds-${name}` } });
  const model = await prisma.registeredModel.create({ data: { name, policy } });
  const versions: { id: string; version: number }[] = [];
  for (const [index, spec] of specs.entries()) {
    const datasetVersion = await prisma.datasetVersion.create({
      data: {
        id: `dv-${unique()}-${index}`,
        datasetId: dataset.id,
        rowCount: 1000n,
        qualityChecks: [
          { name: "no_nulls", passed: true },
          { name: "label_balance", passed: spec.isQualityOk ?? true },
        ],
      },
    });
    const run = await prisma.run.create({
      data: {
        experimentId: experiment.id,
        name: `run-${index + 1}`,
        status: "FINISHED",
        startTime: PAST,
        commitId: commit.id,
        artifactUri: `s3://exp/${name}/${index + 1}`,
        inputs: { create: { datasetVersionId: datasetVersion.id, context: "TRAINING" } },
        latestMetrics: {
          create: {
            experimentId: experiment.id,
            key: "accuracy",
            step: 0n,
            timestamp: 0n,
            value: spec.accuracy,
          },
        },
      },
    });
    const version = await prisma.modelVersion.create({
      data: {
        modelId: model.id,
        version: index + 1,
        runId: run.id,
        source: `s3://models/${name}/${index + 1}`,
        stage: spec.stage,
        createdAt: PAST,
        stageChangedAt: PAST,
      },
    });
    if (spec.stage === "PRODUCTION") {
      await prisma.stageTransition.create({
        data: {
          modelId: model.id,
          versionId: version.id,
          fromStage: "STAGING",
          toStage: "PRODUCTION",
          reason: "fixture",
          createdAt: PAST,
        },
      });
    }
    versions.push({ id: version.id, version: version.version });
  }
  return { id: model.id, name, versions };
}
