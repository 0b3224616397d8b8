import type { Metadata } from "next";
import { ExperimentsTable } from "../../../features/runs/components/experiments-table.tsx";
import { listExperiments } from "../../../features/runs/experiments.ts";
import { requireCurrentUser } from "../../../server/auth/current-user.ts";
import { getDatabase } from "../../../server/db.ts";

export const metadata: Metadata = { title: "Experiments" };

export default async function ExperimentsPage() {
  await requireCurrentUser();
  const experiments = await listExperiments(await getDatabase());
  return (
    <>
      <h1>Experiments</h1>
      {experiments.length === 0 ? (
        <p className="muted">
          No experiments yet. Point an MLflow client at this server (MLFLOW_TRACKING_URI) and log a
          run.
        </p>
      ) : (
        <ExperimentsTable experiments={experiments} />
      )}
    </>
  );
}
