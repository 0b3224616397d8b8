"use client";

import { type FormEvent, useState } from "react";
import { useCreateWebhook } from "../queries.ts";
import { type CreatedWebhook, WEBHOOK_EVENTS, type WebhookEventName } from "../types.ts";

/** Subscribes a URL to some events (none checked: all of them). */
export function CreateWebhookForm({ onCreated }: { onCreated: (webhook: CreatedWebhook) => void }) {
  const createWebhook = useCreateWebhook();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEventName[]>([]);

  function toggleEvent(event: WebhookEventName, isChecked: boolean) {
    setEvents((current) =>
      isChecked ? [...current, event] : current.filter((existing) => existing !== event),
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    createWebhook.mutate(
      { url: url.trim(), events },
      {
        onSuccess: (webhook) => {
          setUrl("");
          setEvents([]);
          onCreated(webhook);
        },
      },
    );
  }

  return (
    <form className="webhook-form" onSubmit={handleSubmit}>
      <div className="field">
        <label htmlFor="webhook-url">Payload URL</label>
        <input
          id="webhook-url"
          name="url"
          type="url"
          inputMode="url"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          placeholder="https://ci.example.com/hooks/pedigree"
          required
          aria-describedby={createWebhook.error ? "webhook-form-error" : undefined}
        />
      </div>
      <fieldset className="webhook-events" aria-describedby="webhook-events-hint">
        <legend>Events</legend>
        <p id="webhook-events-hint" className="cell-note">
          None checked: every event.
        </p>
        {WEBHOOK_EVENTS.map((name) => (
          <label key={name} className="webhook-event-option">
            <input
              type="checkbox"
              name="events"
              value={name}
              checked={events.includes(name)}
              onChange={(event) => toggleEvent(name, event.target.checked)}
            />
            <code>{name}</code>
          </label>
        ))}
      </fieldset>
      <div>
        <button type="submit" className="button button-primary" disabled={createWebhook.isPending}>
          Add webhook
        </button>
      </div>
      {createWebhook.error ? (
        <p id="webhook-form-error" role="alert" className="form-error">
          {createWebhook.error.message}
        </p>
      ) : null}
    </form>
  );
}
