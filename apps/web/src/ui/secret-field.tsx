"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A secret shown once (an API token, a webhook's signing secret): read-only, with a Copy button
 * that takes the focus, and a Done button. Where the clipboard is unavailable (plain http on
 * another host) the text is selected instead.
 */
export function SecretField({
  id,
  label,
  secret,
  onDismiss,
}: {
  id: string;
  label: string;
  secret: string;
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
      await navigator.clipboard.writeText(secret);
      setStatus("Copied to the clipboard");
    } catch {
      input.current?.select();
      setStatus("Selected: press Ctrl+C (⌘C) to copy");
    }
  }

  return (
    <>
      <div className="inline-form">
        <div className="field field-grow">
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            ref={input}
            className="mono"
            value={secret}
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
    </>
  );
}
