import Link from "next/link";

/** A search that finds nothing: unlike ModelsEmptyState, models exist, just none by this name. */
export function ModelsNoMatch({ query }: { query: string }) {
  return (
    <section className="card empty-state" aria-labelledby="no-match-title">
      <h2 id="no-match-title">No model matches “{query}”</h2>
      <p>
        Any part of a name matches, in any case. Check the spelling or{" "}
        <Link href="/">show all models</Link>.
      </p>
    </section>
  );
}
