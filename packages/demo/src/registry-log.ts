import type { DemoContext } from "./demo-context.ts";
import type { DemoData } from "./demo-data.ts";
import type { People, PersonKey } from "./generate-people.ts";

type Stage = "NONE" | "STAGING" | "PRODUCTION" | "ARCHIVED";
type Rows = Pick<
  DemoData,
  | "modelVersions"
  | "modelVersionTags"
  | "promotionRequests"
  | "approvals"
  | "stageTransitions"
  | "deployments"
  | "auditEvents"
>;
type Version = DemoData["modelVersions"][number] & { id: string; stage: Stage };

export interface RequestPlan {
  version: number;
  kind?: "PROMOTION" | "ROLLBACK";
  toStage: "STAGING" | "PRODUCTION";
  requester: PersonKey;
  reason: string;
  daysAgo: number;
  /** Decisions in order: who, when (days before the anchor), and the comment. */
  decisions: { by: PersonKey; daysAgo: number; decision?: "APPROVE" | "REJECT"; comment: string }[];
  requiredApprovals: number;
  /** Executed on its last approval unless it stays pending or a decision rejects it. */
  isPending?: boolean;
}

/**
 * Replays a model's registry history as the service would have written it: requests, approvals,
 * executions (a promotion to Production archives the previous one in the same step), stage
 * transitions, deployments and audit events. Rows are final states, so the database's
 * one-production-version trigger accepts them in any insertion order.
 */
export function createRegistryLog(context: DemoContext, people: People, modelId: string) {
  const random = context.random.fork(`registry:${modelId}`);
  const rows: Rows = {
    modelVersions: [],
    modelVersionTags: [],
    promotionRequests: [],
    approvals: [],
    stageTransitions: [],
    deployments: [],
    auditEvents: [],
  };
  const versions = new Map<number, Version>();
  const openDeployments = new Map<string, DemoData["deployments"][number]>();
  /** Each version's registered artifact digest (its `artifact_digest` tag). */
  const digests = new Map<string, string>();
  let productionId: string | null = null;

  const audit = (
    at: Date,
    actor: PersonKey,
    action: string,
    type: string,
    id: string,
    details: object,
  ) =>
    rows.auditEvents.push({
      at,
      actorId: people[actor],
      action,
      targetType: type,
      targetId: id,
      details: { ...details },
    });

  const deploy = (versionNumber: number, at: Date, service: string, environment: string) => {
    const version = versions.get(versionNumber) as Version;
    const key = `${service}/${environment}`;
    const previous = openDeployments.get(key);
    if (previous) previous.endedAt = at;
    const deployment = {
      id: random.id(),
      versionId: version.id,
      service,
      environment,
      startedAt: at,
      endedAt: null,
      // The service reports the digest of the artifact it loaded: here, the registered one.
      digest: digests.get(version.id) ?? null,
    };
    rows.deployments.push(deployment);
    openDeployments.set(key, deployment);
    return deployment;
  };

  const change = (
    version: Version,
    toStage: Stage,
    at: Date,
    requestId: string,
    actor: PersonKey,
    reason: string,
  ) => {
    rows.stageTransitions.push({
      id: random.id(),
      modelId,
      versionId: version.id,
      fromStage: version.stage,
      toStage,
      requestId,
      actorId: people[actor],
      reason,
      createdAt: at,
    });
    audit(at, actor, "model_version.stage_changed", "ModelVersion", version.id, {
      from: version.stage,
      to: toStage,
      requestId,
    });
    version.stage = toStage;
    version.stageChangedAt = at;
    version.updatedAt = at;
  };

  return {
    rows,
    versions,
    deploy,
    register(version: Omit<Version, "stage" | "stageChangedAt" | "updatedAt">) {
      const row: Version = {
        ...version,
        stage: "NONE",
        stageChangedAt: version.createdAt,
        updatedAt: version.createdAt,
      };
      rows.modelVersions.push(row);
      const digest = random.hex(64);
      digests.set(row.id, digest);
      rows.modelVersionTags.push({ versionId: row.id, key: "artifact_digest", value: digest });
      versions.set(row.version as number, row);
      audit(row.createdAt as Date, "engineer", "model_version.created", "ModelVersion", row.id, {
        version: row.version,
      });
      return row;
    },
    request(plan: RequestPlan) {
      const version = versions.get(plan.version) as Version;
      const id = random.id();
      const createdAt = context.at(plan.daysAgo);
      const request = {
        id,
        versionId: version.id,
        kind: plan.kind ?? "PROMOTION",
        fromStage: version.stage,
        toStage: plan.toStage,
        reason: plan.reason,
        status: "PENDING" as "PENDING" | "EXECUTED" | "REJECTED",
        requestedById: people[plan.requester],
        requiredApprovals: plan.requiredApprovals,
        baseProductionId: productionId,
        gateResults: [],
        createdAt,
        closedAt: null as Date | null,
      };
      rows.promotionRequests.push(request);
      audit(createdAt, plan.requester, "promotion_request.created", "PromotionRequest", id, {
        version: plan.version,
        kind: request.kind,
        toStage: plan.toStage,
      });
      let last: { by: PersonKey; at: Date } | null = null;
      for (const decision of plan.decisions) {
        if (decision.by === plan.requester)
          throw new Error("a requester never decides their own request");
        const at = context.at(decision.daysAgo);
        const verdict = decision.decision ?? "APPROVE";
        rows.approvals.push({
          id: random.id(),
          requestId: id,
          approverId: people[decision.by],
          decision: verdict,
          comment: decision.comment,
          createdAt: at,
        });
        audit(at, decision.by, "approval.created", "PromotionRequest", id, { decision: verdict });
        last = { by: decision.by, at };
        if (verdict === "REJECT") {
          request.status = "REJECTED";
          request.closedAt = at;
          return request;
        }
      }
      if (plan.isPending || !last) return request;
      request.status = "EXECUTED";
      request.closedAt = last.at;
      if (plan.toStage === "PRODUCTION" && productionId) {
        const current = [...versions.values()].find((v) => v.id === productionId) as Version;
        change(current, "ARCHIVED", last.at, id, last.by, `Replaced by version ${plan.version}`);
      }
      change(version, plan.toStage, last.at, id, last.by, plan.reason);
      if (plan.toStage === "PRODUCTION") productionId = version.id;
      return request;
    },
  };
}
