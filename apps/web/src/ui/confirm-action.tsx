"use client";

import { useEffect, useRef, useState } from "react";

// A button that disappears takes the focus with it: hand it to something near, after the render.
function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/**
 * A destructive action confirmed in place: the button becomes "Confirm …" (focused) and "Cancel".
 * `onConfirm` gets a `done` callback to call when the server has answered; the focus then goes to
 * `focusAfter` (the row may be gone), or back to the button on Cancel.
 */
export function ConfirmAction({
  id,
  label,
  ariaLabel,
  confirmLabel,
  isPending,
  focusAfter,
  onConfirm,
}: {
  id: string;
  label: string;
  ariaLabel: string;
  confirmLabel: string;
  isPending: boolean;
  focusAfter: string;
  onConfirm: (done: () => void) => void;
}) {
  const [isConfirming, setIsConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (isConfirming) confirmButton.current?.focus();
  }, [isConfirming]);

  if (!isConfirming) {
    return (
      <button
        id={id}
        type="button"
        className="button"
        aria-label={ariaLabel}
        onClick={() => setIsConfirming(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <>
      <button
        ref={confirmButton}
        type="button"
        className="button button-danger"
        disabled={isPending}
        onClick={() =>
          onConfirm(() => {
            setIsConfirming(false);
            focusLater(focusAfter);
          })
        }
      >
        {confirmLabel}
      </button>
      <button
        type="button"
        className="button button-quiet"
        onClick={() => {
          setIsConfirming(false);
          focusLater(id);
        }}
      >
        Cancel
      </button>
    </>
  );
}
