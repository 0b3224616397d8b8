import Link from "next/link";

/** Shown until the first model is registered: says how to register one. */
export function ModelsEmptyState() {
  return (
    <section className="card empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">No registered models yet</h2>
      <p>
        Models appear here once a training pipeline registers them. Create an{" "}
        <Link href="/settings/tokens">API token</Link>, then point MLflow at this server:
      </p>
      <pre className="code-block">
        <code>{`export MLFLOW_TRACKING_URI=<this server's URL>
export MLFLOW_TRACKING_TOKEN=pdg_...

# in the training script, after mlflow.start_run() and logging the model:
mlflow.register_model(f"runs:/{run.info.run_id}/model", "my-model")`}</code>
      </pre>
      <p>
        Scripts without MLflow can call the HTTP API with <code>Authorization: Bearer pdg_...</code>
        .
      </p>
    </section>
  );
}
