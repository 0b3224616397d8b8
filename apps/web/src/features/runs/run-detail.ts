import "server-only";
import type { Database } from "@pedigree/db";
import { AppError } from "../../server/errors.ts";
import { readProxiedRoot } from "../artifacts/service.ts";
import { loadRunDetails } from "./load-runs.ts";
import type { RunRecord } from "./types.ts";

export interface RunArtifact {
  path: string;
  size: number;
  sha256: string;
  /** Served by the MLflow artifact proxy; null when the run's artifacts live elsewhere. */
  downloadUrl: string | null;
}

export interface RunModelVersion {
  modelName: string;
  version: number;
  stage: string;
}

export interface RunDetail {
  run: RunRecord;
  experimentName: string;
  artifacts: RunArtifact[];
  modelVersions: RunModelVersion[];
}

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** A run with everything its page shows; NOT_FOUND when there is no such run. */
export async function getRunDetail(db: Database, runId: string): Promise<RunDetail> {
  const [run] = await loadRunDetails(db, [runId]);
  if (!run) throw new AppError("NOT_FOUND", `No run ${runId}`);
  const [experiment, artifacts, versions] = await Promise.all([
    db.prisma.experiment.findUnique({ where: { id: run.experimentId }, select: { name: true } }),
    db.prisma.artifact.findMany({ where: { runId }, orderBy: { path: "asc" } }),
    db.prisma.modelVersion.findMany({
      where: { runId },
      include: { model: { select: { name: true } } },
      orderBy: [{ createdAt: "asc" }],
    }),
  ]);
  const root = readProxiedRoot(run.artifactUri);
  return {
    run,
    experimentName: experiment?.name ?? run.experimentId,
    artifacts: artifacts.map((artifact) => ({
      path: artifact.path,
      size: Number(artifact.size),
      sha256: artifact.sha256,
      downloadUrl:
        root === null
          ? null
          : `/api/2.0/mlflow-artifacts/artifacts/${encodePath(root ? `${root}/${artifact.path}` : artifact.path)}`,
    })),
    modelVersions: versions.map((version) => ({
      modelName: version.model.name,
      version: version.version,
      stage: version.stage,
    })),
  };
}
