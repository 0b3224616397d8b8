"use client";

import { useEffect, useRef, useState } from "react";
import type { CreatedToken } from "../types.ts";

/** The secret of a token just created: shown once, with a copy button that gets the focus. */
export function NewTokenSecret({
  token,
  onDismiss,
}: {
  token: CreatedToken;
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
      await navigator.clipboard.writeText(token.token);
      setStatus("Copied to the clipboard");
    } catch {
      // No clipboard outside secure contexts (plain http on another host): select it instead.
      input.current?.select();
      setStatus("Selected: press Ctrl+C (⌘C) to copy");
    }
  }

  return (
    <section className="secret-box" aria-labelledby="secret-title">
      <h3 id="secret-title">Token “{token.name}” created</h3>
      <p>Copy it now: it will not be shown again.</p>
      <div className="inline-form">
        <div className="field field-grow">
          <label htmlFor="new-token-secret">New token</label>
          <input
            id="new-token-secret"
            ref={input}
            className="mono"
            value={token.token}
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
    </section>
  );
}
