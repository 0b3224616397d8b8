"use client";

import { useState } from "react";

/** Copies `text`; says so, or says to select it where the clipboard is unavailable (plain http). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [status, setStatus] = useState<string | null>(null);
  return (
    <button
      type="button"
      className="button button-quiet copy-button"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setStatus("Copied");
        } catch {
          setStatus("Copy failed: select the text");
        }
        setTimeout(() => setStatus(null), 2000);
      }}
    >
      {status ?? label}
    </button>
  );
}
