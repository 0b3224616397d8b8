import "server-only";
import type { Prisma } from "@pedigree/db";
import {
  buildAirflowDagRunBody,
  buildAirflowDagRunUrl,
  buildDagRunId,
  buildRetrainWebhookData,
  type TriggerSummary,
} from "@pedigree/domain";
import { toJson } from "../registry/persistence.ts";

/**
 * Writes the trigger's delivery to the model's retraining target in the caller's transaction
 * (the webhooks' outbox pattern: sent after the commit by the delivery worker). No target: no
 * delivery, the trigger is still recorded and shown. Answers the Airflow dag_run_id, if any.
 */
export async function enqueueTriggerDelivery(
  tx: Prisma.TransactionClient,
  modelId: string,
  trigger: TriggerSummary,
): Promise<string | null> {
  const target = await tx.retrainTarget.findUnique({ where: { modelId } });
  if (!target) return null;
  if (target.kind === "AIRFLOW") {
    if (!target.dagId) return null;
    await tx.retrainDelivery.create({
      data: {
        triggerId: trigger.id,
        kind: "AIRFLOW",
        url: buildAirflowDagRunUrl(target.url, target.dagId),
        body: toJson(buildAirflowDagRunBody(trigger)),
      },
    });
    return buildDagRunId(trigger.id);
  }
  await tx.retrainDelivery.create({
    data: {
      triggerId: trigger.id,
      kind: "WEBHOOK",
      url: target.url,
      body: toJson(buildRetrainWebhookData(trigger)),
    },
  });
  return null;
}
