"use client";

import { ConfirmAction } from "../../../ui/confirm-action.tsx";
import { formatDateTime } from "../../../ui/format.ts";
import { useRevokeToken } from "../queries.ts";
import type { TokenSummary } from "../types.ts";

export function TokensTable({ tokens }: { tokens: TokenSummary[] }) {
  const revoke = useRevokeToken();
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
                {token.revokedAt ? null : (
                  <ConfirmAction
                    id={`revoke-${token.id}`}
                    label="Revoke"
                    ariaLabel={`Revoke token ${token.name}`}
                    confirmLabel="Confirm revoke"
                    isPending={revoke.isPending}
                    focusAfter="tokens-title"
                    onConfirm={(done) => revoke.mutate(token.id, { onSettled: done })}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
