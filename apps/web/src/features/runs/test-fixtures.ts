// For integration tests only: an experiment of runs with params, tags and latest metrics.
import type { Database } from "@pedigree/db";

export interface FixtureRun {
  name: string;
  startTime: number;
  status?: "RUNNING" | "FINISHED" | "FAILED";
  params?: Record<string, string>;
  tags?: Record<string, string>;
  metrics?: Record<string, number>;
  deleted?: boolean;
}

let counter = 0;

/** Creates an experiment and its runs; returns the experiment id and the run ids by name. */
export async function createExperimentWithRuns(db: Database, runs: readonly FixtureRun[]) {
  counter += 1;
  const experiment = await db.prisma.experiment.create({
    data: {
      name: `experiment-${counter}-${Date.now()}`,
      artifactLocation: "file:///tmp/artifacts",
    },
  });
  const ids = new Map<string, string>();
  for (const run of runs) {
    const row = await db.prisma.run.create({
      data: {
        experimentId: experiment.id,
        name: run.name,
        status: run.status ?? "FINISHED",
        startTime: new Date(run.startTime),
        artifactUri: `file:///tmp/artifacts/${run.name}`,
        userName: "ann",
        lifecycleStage: run.deleted ? "DELETED" : "ACTIVE",
        params: {
          create: Object.entries(run.params ?? {}).map(([key, value]) => ({ key, value })),
        },
        tags: { create: Object.entries(run.tags ?? {}).map(([key, value]) => ({ key, value })) },
        latestMetrics: {
          create: Object.entries(run.metrics ?? {})
            .filter(([, value]) => !Number.isNaN(value))
            .map(([key, value]) => ({
              experimentId: experiment.id,
              key,
              value,
              step: 10n,
              timestamp: BigInt(run.startTime),
            })),
        },
      },
    });
    // Prisma refuses NaN in a create; MLflow clients do log it.
    for (const [key, value] of Object.entries(run.metrics ?? {})) {
      if (!Number.isNaN(value)) continue;
      await db.prisma
        .$executeRaw`INSERT INTO "LatestMetric" ("runId", "key", "step", "timestamp", "value")
        VALUES (${row.id}, ${key}, 10, ${run.startTime}, 'NaN'::float8)`;
    }
    ids.set(run.name, row.id);
  }
  return { experimentId: experiment.id, ids };
}
