import { hasRole } from "@pedigree/domain";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { decodeModelNameParam, modelPath } from "../../../../../features/models/model-path.ts";
import { RuleForm } from "../../../../../features/monitoring/components/rule-form.tsx";
import { RulesTable } from "../../../../../features/monitoring/components/rules-table.tsx";
import { TargetForm } from "../../../../../features/monitoring/components/target-form.tsx";
import { TriggersList } from "../../../../../features/monitoring/components/triggers-list.tsx";
import "../../../../../features/monitoring/components/monitoring.css";
import { listMonitorRules } from "../../../../../features/monitoring/service-rules.ts";
import { getRetrainTarget } from "../../../../../features/monitoring/service-target.ts";
import { listRetrainTriggers } from "../../../../../features/monitoring/service-triggers.ts";
import { requireCurrentUser } from "../../../../../server/auth/current-user.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { AppError } from "../../../../../server/errors.ts";

interface MonitoringPageProps {
  params: Promise<{ name: string }>;
}

export async function generateMetadata({ params }: MonitoringPageProps): Promise<Metadata> {
  return { title: `Monitoring · ${decodeModelNameParam((await params).name)}` };
}

async function loadView(name: string) {
  const db = await getDatabase();
  try {
    const [rules, target, triggers] = await Promise.all([
      listMonitorRules(db, name),
      getRetrainTarget(db, name),
      listRetrainTriggers(db, name),
    ]);
    return { rules, target, triggers };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

export default async function MonitoringPage({ params }: MonitoringPageProps) {
  const user = await requireCurrentUser();
  const name = decodeModelNameParam((await params).name);
  const view = await loadView(name);
  if (!view) notFound();
  const canEdit = hasRole(user.role, "ENGINEER");
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Models</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={modelPath(name)}>{name}</Link> <span aria-hidden="true">/</span> Monitoring
      </nav>
      <h1>Monitoring of {name}</h1>
      <section aria-labelledby="triggers-heading" className="card">
        <h2 id="triggers-heading">Retrain triggers</h2>
        <TriggersList triggers={view.triggers} />
      </section>
      <section aria-labelledby="rules-heading" className="card">
        <h2 id="rules-heading">Monitor rules</h2>
        <p className="cell-note">
          Evaluated whenever a window or its metrics arrive. A too-few-rows window never fires; a
          rule has at most one open trigger, to which later breaches add evidence.
        </p>
        <RulesTable model={name} rules={view.rules} canEdit={canEdit} />
        {canEdit ? <RuleForm model={name} /> : null}
      </section>
      <section aria-labelledby="target-heading" className="card">
        <h2 id="target-heading">Retraining target</h2>
        {!view.target && !canEdit ? (
          <p className="status">No target: triggers are recorded only.</p>
        ) : null}
        <TargetForm model={name} target={view.target} canEdit={canEdit} />
      </section>
    </>
  );
}
