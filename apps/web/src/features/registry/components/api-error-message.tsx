import type { GateResult } from "@pedigree/domain";
import { RegistryApiError } from "../queries.ts";
import { GateResults } from "./gate-results.tsx";

function readGates(details: Record<string, unknown> | null): GateResult[] {
  const gates = details?.gates;
  return Array.isArray(gates) ? (gates as GateResult[]) : [];
}

/** A refusal in words: the server's message, and the failed gates when it names them. */
export function ApiErrorMessage({ error, id }: { error: Error | null; id?: string }) {
  if (!error) return null;
  const gates = error instanceof RegistryApiError ? readGates(error.details) : [];
  return (
    <div id={id} role="alert" className="form-error">
      <p>{error.message}</p>
      {gates.length ? <GateResults results={gates} label="Failed gates" /> : null}
    </div>
  );
}
