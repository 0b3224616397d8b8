import "server-only";
import type { Database } from "@pedigree/db";
import { AppError } from "../../server/errors.ts";
import type { CreateDeploymentInput, DeploymentView } from "./types.ts";

/** The ModelVersionTag holding a version's registered artifact digest (sha256 hex). */
const ARTIFACT_DIGEST_TAG = "artifact_digest";

const deploymentColumns = {
  id: true,
  service: true,
  environment: true,
  startedAt: true,
  endedAt: true,
  digest: true,
  version: {
    select: {
      version: true,
      tags: { where: { key: ARTIFACT_DIGEST_TAG }, select: { value: true } },
    },
  },
} as const;

interface DeploymentRow {
  id: string;
  service: string;
  environment: string;
  startedAt: Date;
  endedAt: Date | null;
  digest: string | null;
  version: { version: number; tags: { value: string }[] };
}

const normalizeDigest = (value: string) =>
  value
    .trim()
    .replace(/^sha256:/i, "")
    .toLowerCase();

function toView(row: DeploymentRow): DeploymentView {
  const registeredDigest = row.version.tags[0]?.value ?? null;
  return {
    id: row.id,
    service: row.service,
    environment: row.environment,
    version: row.version.version,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    digest: row.digest,
    registeredDigest,
    isDigestMismatch:
      row.digest !== null &&
      registeredDigest !== null &&
      normalizeDigest(row.digest) !== normalizeDigest(registeredDigest),
  };
}

/**
 * Records that a service now runs a model version in an environment; the service's previous
 * open deployment there ends now. A transaction-scoped advisory lock on service+environment keeps
 * two concurrent reports from leaving two deployments open.
 */
export async function createDeployment(
  db: Database,
  actorId: string,
  input: CreateDeploymentInput,
): Promise<DeploymentView> {
  const version = await db.prisma.modelVersion.findFirst({
    where: { version: input.version, model: { name: input.model } },
    select: { id: true },
  });
  if (!version) {
    throw new AppError("NOT_FOUND", `No version ${input.version} of model ${input.model}`);
  }
  const now = new Date();
  const row = await db.prisma.$transaction(async (tx) => {
    const lockKey = JSON.stringify(["deployment", input.service, input.environment]);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${lockKey}))`;
    await tx.deployment.updateMany({
      where: { service: input.service, environment: input.environment, endedAt: null },
      data: { endedAt: now },
    });
    const created = await tx.deployment.create({
      data: {
        versionId: version.id,
        service: input.service,
        environment: input.environment,
        digest: input.digest ?? null,
        startedAt: now,
      },
      select: deploymentColumns,
    });
    await tx.auditEvent.create({
      data: {
        actorId,
        action: "deployment.created",
        targetType: "Deployment",
        targetId: created.id,
        details: { model: input.model, version: input.version, digest: input.digest ?? null },
      },
    });
    return created;
  });
  return toView(row);
}

/** A model's deployments, newest first, with the digest check; NOT_FOUND for an unknown model. */
export async function listModelDeployments(
  db: Database,
  modelName: string,
): Promise<DeploymentView[]> {
  const model = await db.prisma.registeredModel.findUnique({
    where: { name: modelName },
    select: { id: true },
  });
  if (!model) throw new AppError("NOT_FOUND", `No model named ${modelName}`);
  const rows = await db.prisma.deployment.findMany({
    where: { version: { modelId: model.id } },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: deploymentColumns,
  });
  return rows.map(toView);
}
