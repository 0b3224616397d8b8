"use client";

import { useEffect, useRef, useState } from "react";
import type { CreatedWebhook } from "../types.ts";

/** The signing secret of a webhook just added: shown once, with a copy button that gets the focus. */
export function NewWebhookSecret({
  webhook,
  onDismiss,
}: {
  webhook: CreatedWebhook & { secret: string };
  onDismiss: () => void;
}) {
  const copyButton = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");

  useEffect(() => {
    copyButton.current?.focus();
  }, []);

  async function handleCopy() {
    try {
      await navigator.clipboard.writeText(webhook.secret);
      setStatus("Copied to the clipboard");
    } catch {
      // No clipboard outside secure contexts (plain http on another host): select it instead.
      input.current?.select();
      setStatus("Selected: press Ctrl+C (⌘C) to copy");
    }
  }

  return (
    <section className="secret-box" aria-labelledby="webhook-secret-title">
      <h3 id="webhook-secret-title">Webhook added</h3>
      <p>
        Deliveries to <code>{webhook.url}</code> are signed with this secret. Copy it now: it will
        not be shown again.
      </p>
      <div className="inline-form">
        <div className="field field-grow">
          <label htmlFor="new-webhook-secret">Signing secret</label>
          <input
            id="new-webhook-secret"
            ref={input}
            className="mono"
            value={webhook.secret}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
        <button
          ref={copyButton}
          type="button"
          className="button button-primary"
          onClick={handleCopy}
        >
          Copy
        </button>
        <button type="button" className="button button-quiet" onClick={onDismiss}>
          Done
        </button>
      </div>
      <p aria-live="polite" className="status">
        {status}
      </p>
      <SignatureHelp />
    </section>
  );
}

/** How a receiver checks that a delivery came from us. */
export function SignatureHelp() {
  return (
    <details className="webhook-help">
      <summary>How to verify a delivery</summary>
      <p>Each delivery carries two headers:</p>
      <pre className="code-block">
        <code>
          {`X-Pedigree-Timestamp: <unix seconds>
X-Pedigree-Signature: sha256=HMAC-SHA256(secret, "<X-Pedigree-Timestamp>.<body>")`}
        </code>
      </pre>
      <p>
        Compute the HMAC-SHA256 of the timestamp, a dot and the raw request body with the secret as
        the key, hex-encode it, and compare it with the signature in constant time. Reject old
        timestamps to stop replays.
      </p>
    </details>
  );
}
