"use client";

import { useState } from "react";
import { useTokens } from "../queries.ts";
import type { CreatedToken, TokenSummary } from "../types.ts";
import { CreateTokenForm } from "./create-token-form.tsx";
import { NewTokenSecret } from "./new-token-secret.tsx";
import { TokensTable } from "./tokens-table.tsx";

export function TokensPanel({ initialTokens }: { initialTokens: TokenSummary[] }) {
  const tokens = useTokens(initialTokens);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  return (
    <>
      <section className="card" aria-labelledby="create-token-title">
        <h2 id="create-token-title">Create a token</h2>
        <p>
          Pipelines and scripts send it as <code>Authorization: Bearer &lt;token&gt;</code> (MLflow:{" "}
          <code>MLFLOW_TRACKING_TOKEN</code>). It acts with your role.
        </p>
        <CreateTokenForm onCreated={setCreated} />
        {created ? <NewTokenSecret token={created} onDismiss={() => setCreated(null)} /> : null}
      </section>
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title" tabIndex={-1}>
          Your tokens
        </h2>
        {tokens.error ? (
          <p role="alert" className="form-error">
            Could not load your tokens: {tokens.error.message}
          </p>
        ) : null}
        <TokensTable tokens={tokens.data} />
      </section>
    </>
  );
}
