import { hasRole } from "@pedigree/domain";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { modelPath } from "../../../../features/models/model-path.ts";
import { Deliveries } from "../../../../features/monitoring/components/deliveries.tsx";
import { DismissForm } from "../../../../features/monitoring/components/dismiss-form.tsx";
import { EvidenceTable } from "../../../../features/monitoring/components/evidence-table.tsx";
import { formatInstant } from "../../../../features/monitoring/components/format.ts";
import "../../../../features/monitoring/components/monitoring.css";
import { TriggerLoop } from "../../../../features/monitoring/components/trigger-loop.tsx";
import { getRetrainTrigger } from "../../../../features/monitoring/service-triggers.ts";
import type { TriggerPageView } from "../../../../features/monitoring/types.ts";
import { requireCurrentUser } from "../../../../server/auth/current-user.ts";
import { getDatabase } from "../../../../server/db.ts";
import { AppError } from "../../../../server/errors.ts";

interface TriggerPageProps {
  params: Promise<{ id: string }>;
}

export const metadata: Metadata = { title: "Retrain trigger" };

async function loadView(id: string): Promise<TriggerPageView | null> {
  try {
    return await getRetrainTrigger(await getDatabase(), id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

export default async function TriggerPage({ params }: TriggerPageProps) {
  const user = await requireCurrentUser();
  const view = await loadView(decodeURIComponent((await params).id));
  if (!view) notFound();
  const { trigger, loop } = view;
  const model = modelPath(trigger.model);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Models</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={model}>{trigger.model}</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={`${model}/monitoring`}>Monitoring</Link> <span aria-hidden="true">/</span>{" "}
        Trigger
      </nav>
      <h1>
        {trigger.rule.name}{" "}
        <span className={`monitor-status monitor-status-${trigger.status.toLowerCase()}`}>
          {trigger.status}
        </span>
      </h1>
      <p>
        <code>{trigger.rule.description}</code> · v{trigger.version ?? "?"} ·{" "}
        {trigger.action === "ROLLBACK" ? "rollback" : "retrain"} · {trigger.breachCount} breach
        {trigger.breachCount === 1 ? "" : "es"}, latest {formatInstant(trigger.lastBreachAt)}
      </p>
      {trigger.status === "DISMISSED" ? (
        <p className="status">
          Dismissed {trigger.dismissedAt ? formatInstant(trigger.dismissedAt) : ""} by{" "}
          {trigger.dismissedBy ?? "someone"}: {trigger.dismissReason}
        </p>
      ) : null}
      <section aria-labelledby="loop-heading" className="card">
        <h2 id="loop-heading">From trigger to promotion</h2>
        <TriggerLoop trigger={trigger} loop={loop} />
      </section>
      <section aria-labelledby="evidence-heading" className="card">
        <h2 id="evidence-heading">Evidence</h2>
        <EvidenceTable evidence={trigger.evidence} />
      </section>
      <section aria-labelledby="delivery-heading" className="card">
        <h2 id="delivery-heading">Delivery</h2>
        <Deliveries deliveries={trigger.deliveries} />
      </section>
      {trigger.status === "OPEN" && hasRole(user.role, "ENGINEER") ? (
        <section aria-labelledby="dismiss-heading" className="card">
          <h2 id="dismiss-heading">Dismiss</h2>
          <DismissForm triggerId={trigger.id} />
        </section>
      ) : null}
    </>
  );
}
