import Form from "next/form";
import Link from "next/link";

/**
 * Finds models by part of their name. A GET form: the query lands in the URL (`/?q=`) and works
 * without JavaScript; a new search starts again at page 1.
 */
export function ModelsSearchForm({ query }: { query: string }) {
  return (
    <Form action="/" role="search" aria-label="Models" className="inline-form search-form">
      <div className="field field-grow">
        <label htmlFor="model-search">Find a model by name</label>
        {/* Keyed by the query so the box follows back/forward navigation. */}
        <input key={query} id="model-search" type="search" name="q" defaultValue={query} />
      </div>
      <button type="submit" className="button button-primary">
        Search
      </button>
      {query ? (
        <Link href="/" className="button button-quiet">
          Clear
        </Link>
      ) : null}
    </Form>
  );
}
