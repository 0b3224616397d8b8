"use client";

import { SecretField } from "../../../ui/secret-field.tsx";
import type { CreatedWebhook } from "../types.ts";

/** The signing secret of a webhook just added: shown once, with a copy button that gets the focus. */
export function NewWebhookSecret({
  webhook,
  onDismiss,
}: {
  webhook: CreatedWebhook & { secret: string };
  onDismiss: () => void;
}) {
  return (
    <section className="secret-box" aria-labelledby="webhook-secret-title">
      <h3 id="webhook-secret-title">Webhook added</h3>
      <p>
        Deliveries to <code>{webhook.url}</code> are signed with this secret. Copy it now: it will
        not be shown again.
      </p>
      <SecretField
        id="new-webhook-secret"
        label="Signing secret"
        secret={webhook.secret}
        onDismiss={onDismiss}
      />
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
