"use client";

import { SecretField } from "../../../ui/secret-field.tsx";
import type { CreatedToken } from "../types.ts";

/** The secret of a token just created: shown once, with a copy button that gets the focus. */
export function NewTokenSecret({
  token,
  onDismiss,
}: {
  token: CreatedToken;
  onDismiss: () => void;
}) {
  return (
    <section className="secret-box" aria-labelledby="secret-title">
      <h3 id="secret-title">Token “{token.name}” created</h3>
      <p>Copy it now: it will not be shown again.</p>
      <SecretField
        id="new-token-secret"
        label="New token"
        secret={token.token}
        onDismiss={onDismiss}
      />
    </section>
  );
}
