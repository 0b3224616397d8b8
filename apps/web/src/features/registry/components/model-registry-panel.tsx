"use client";

import "./registry.css";
import { hasRole } from "@pedigree/domain";
import { Suspense } from "react";
import { useModelDetail, useModelHistory } from "../queries.ts";
import type { ModelDetailView } from "../types.ts";
import { ApiErrorMessage } from "./api-error-message.tsx";
import { DeploymentsTable } from "./deployments-table.tsx";
import { HistoryTimeline } from "./history-timeline.tsx";
import { PromotionRequestForm } from "./promotion-request-form.tsx";
import { RequestCard } from "./request-card.tsx";
import { RollbackDialog } from "./rollback-dialog.tsx";
import { VersionsTable } from "./versions-table.tsx";
import type { Viewer } from "./viewer.ts";

function Loading({ what }: { what: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

/** The model page's registry: versions, requests, rollback, history and consumers. */
export function ModelRegistryPanel({
  model,
  initialModel,
  viewer,
}: {
  model: string;
  initialModel?: ModelDetailView;
  viewer: Viewer;
}) {
  const detail = useModelDetail(model, initialModel);
  const history = useModelHistory(model, null);
  const isEngineer = hasRole(viewer.role, "ENGINEER");

  if (detail.isPending) return <Loading what="the model" />;
  if (detail.error) return <ApiErrorMessage error={detail.error} />;
  const data = detail.data;
  return (
    <div className="registry-grid">
      {data.description ? <p>{data.description}</p> : null}
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <VersionsTable versions={data.versions} policy={data.policy} />
      </section>
      <section aria-labelledby="open-requests-title">
        <h2 id="open-requests-title" tabIndex={-1}>
          Open requests
        </h2>
        {data.openRequests.length === 0 ? <p>No open requests.</p> : null}
        {data.openRequests.map((request) => (
          <RequestCard
            key={request.id}
            model={model}
            request={request}
            viewer={viewer}
            policy={data.policy}
          />
        ))}
      </section>
      <section className="card" aria-labelledby="request-promotion-title">
        <h2 id="request-promotion-title">Request promotion</h2>
        {isEngineer ? (
          <PromotionRequestForm model={model} versions={data.versions} />
        ) : (
          <p className="permission-note">Only engineers and above may request a promotion.</p>
        )}
      </section>
      <section className="card" aria-labelledby="rollback-title-section">
        <h2 id="rollback-title-section">Rollback</h2>
        {isEngineer ? (
          <RollbackDialog
            model={model}
            versions={data.versions}
            deployments={data.deployments}
            transitions={history.data?.transitions ?? []}
          />
        ) : (
          <p className="permission-note">Only engineers and above may request a rollback.</p>
        )}
      </section>
      <section aria-labelledby="consumers-title">
        <h2 id="consumers-title">Consumers</h2>
        <DeploymentsTable deployments={data.deployments} />
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <Suspense fallback={<Loading what="the history" />}>
          <HistoryTimeline model={model} />
        </Suspense>
      </section>
    </div>
  );
}
