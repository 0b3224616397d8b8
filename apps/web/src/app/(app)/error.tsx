"use client";

// Server errors arrive here without their message (Next hides it in production); the digest
// matches the server's log line.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <section className="card" role="alert" aria-labelledby="error-title">
      <h1 id="error-title">Something went wrong</h1>
      <p>This page could not be shown. Trying again often helps if the database was busy.</p>
      {digest ? (
        <p className="muted">
          Reference: <code>{digest}</code>
        </p>
      ) : null}
      <button type="button" className="button button-primary" onClick={() => retry()}>
        Try again
      </button>
    </section>
  );
}
