"use client";

import { useState } from "react";
import { useWebhooks } from "../queries.ts";
import type { CreatedWebhook, WebhookSummary } from "../types.ts";
import { CreateWebhookForm } from "./create-webhook-form.tsx";
import { NewWebhookSecret, SignatureHelp } from "./new-webhook-secret.tsx";
import { WebhooksTable } from "./webhooks-table.tsx";
import "./webhooks.css";

type WebhookWithSecret = CreatedWebhook & { secret: string };

function hasSecret(webhook: CreatedWebhook): webhook is WebhookWithSecret {
  return typeof webhook.secret === "string";
}

export function WebhooksPanel({ initialWebhooks }: { initialWebhooks: WebhookSummary[] }) {
  const webhooks = useWebhooks(initialWebhooks);
  const [created, setCreated] = useState<WebhookWithSecret | null>(null);
  return (
    <>
      <section className="card" aria-labelledby="create-webhook-title">
        <h2 id="create-webhook-title">Add a webhook</h2>
        <p>
          Pedigree POSTs a JSON event to the URL when a model version changes stage or a promotion
          is requested, approved, rejected or rolled back. Failed deliveries are retried.
        </p>
        <CreateWebhookForm
          onCreated={(webhook) => setCreated(hasSecret(webhook) ? webhook : null)}
        />
        {created ? (
          <NewWebhookSecret webhook={created} onDismiss={() => setCreated(null)} />
        ) : (
          <SignatureHelp />
        )}
      </section>
      <section aria-labelledby="webhooks-title">
        <h2 id="webhooks-title" tabIndex={-1}>
          Webhooks
        </h2>
        {webhooks.error ? (
          <p role="alert" className="form-error">
            Could not load the webhooks: {webhooks.error.message}
          </p>
        ) : null}
        <WebhooksTable webhooks={webhooks.data} />
      </section>
    </>
  );
}
