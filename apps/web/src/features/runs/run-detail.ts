import "server-only";
import type { Database } from "@pedigree/db";
import { AppError } from "../../server/errors.ts";
import { type PreviewKind, readFileKind } from "../artifacts/content-type.ts";
import { readProxiedRoot } from "../artifacts/service.ts";
import { loadRunDetails } from "./load-runs.ts";
import type { RunRecord } from "./types.ts";

export interface RunArtifact {
  path: string;
  size: number;
  sha256: string;
  /**
   * GET /api/v1/runs/{id}/artifacts/{path} (streamed from the artifact store); null when the
   * run's artifacts live elsewhere (an artifact URI that is not ours).
   */
  url: string | null;
  /** What the run page can show in place; null: download only. */
  preview: PreviewKind | null;
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
      url:
        root === null
          ? null
          : `/api/v1/runs/${encodeURIComponent(runId)}/artifacts/${encodePath(artifact.path)}`,
      preview: root === null ? null : readFileKind(artifact.path).preview,
    })),
    modelVersions: versions.map((version) => ({
      modelName: version.model.name,
      version: version.version,
      stage: version.stage,
    })),
  };
}
