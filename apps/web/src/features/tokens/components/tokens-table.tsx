"use client";

import { useEffect, useRef, useState } from "react";
import { formatDateTime } from "../../../ui/format.ts";
import { useRevokeToken } from "../queries.ts";
import type { TokenSummary } from "../types.ts";

// A button that disappears takes the focus with it: hand it to something near, after the render.
function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

export function TokensTable({ tokens }: { tokens: TokenSummary[] }) {
  const revoke = useRevokeToken();
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirmingId) confirmButton.current?.focus();
  }, [confirmingId]);

  if (tokens.length === 0) return <p>No tokens yet.</p>;
  return (
    <div className="table-scroll">
      {revoke.error ? (
        <p role="alert" className="form-error">
          {revoke.error.message}
        </p>
      ) : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Token</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td className="mono">{token.prefix}…</td>
              <td>{formatDateTime(token.createdAt)}</td>
              <td>{formatDateTime(token.lastUsedAt)}</td>
              <td>{token.revokedAt ? `Revoked ${formatDateTime(token.revokedAt)}` : "Active"}</td>
              <td className="actions">
                {token.revokedAt ? null : confirmingId === token.id ? (
                  <>
                    <button
                      ref={confirmButton}
                      type="button"
                      className="button button-danger"
                      disabled={revoke.isPending}
                      onClick={() =>
                        revoke.mutate(token.id, {
                          onSettled: () => {
                            setConfirmingId(null);
                            focusLater("tokens-title");
                          },
                        })
                      }
                    >
                      Confirm revoke
                    </button>
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={() => {
                        setConfirmingId(null);
                        focusLater(`revoke-${token.id}`);
                      }}
                    >
                      Cancel
                    </button>
                  </>
                ) : (
                  <button
                    id={`revoke-${token.id}`}
                    type="button"
                    className="button"
                    aria-label={`Revoke token ${token.name}`}
                    onClick={() => setConfirmingId(token.id)}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
