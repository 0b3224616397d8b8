import Link from "next/link";
import { modelListPath } from "../list-request.ts";
import type { ModelPage } from "../types.ts";

const count = new Intl.NumberFormat("en-US");

function countModels(total: number): string {
  return `${count.format(total)} ${total === 1 ? "model" : "models"}`;
}

/** "Showing 51–100 of 1,000 models", above the table. */
export function ModelsPageSummary({ page, query }: { page: ModelPage; query: string }) {
  const first = (page.page - 1) * page.pageSize + 1;
  const last = first + page.models.length - 1;
  return (
    <p className="list-summary">
      Showing {count.format(first)}–{count.format(last)} of {countModels(page.total)}
      {query ? ` matching “${query}”` : ""}
    </p>
  );
}

/** Previous and next pages, keeping the query; nothing when everything fits on one page. */
export function ModelsPager({ page, query }: { page: ModelPage; query: string }) {
  const pageCount = Math.ceil(page.total / page.pageSize);
  if (pageCount <= 1) return null;
  return (
    <nav className="pager" aria-label="Pages of models">
      {page.page > 1 ? (
        <Link rel="prev" href={modelListPath({ query, page: page.page - 1 })}>
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="muted">
        Page {count.format(page.page)} of {count.format(pageCount)}
      </span>
      {page.page < pageCount ? (
        <Link rel="next" href={modelListPath({ query, page: page.page + 1 })}>
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** A page number past the end of the list (an old or edited link): says so and links back. */
export function ModelsPastEnd({ page, query }: { page: ModelPage; query: string }) {
  const pageCount = Math.ceil(page.total / page.pageSize);
  return (
    <section className="card empty-state" aria-labelledby="past-end-title">
      <h2 id="past-end-title">There is no page {count.format(page.page)}</h2>
      <p>
        {countModels(page.total)}
        {query ? ` match “${query}”` : ""}: {count.format(pageCount)}{" "}
        {pageCount === 1 ? "page" : "pages"}.{" "}
        <Link href={modelListPath({ query, page: pageCount })}>Go to the last page</Link>
      </p>
    </section>
  );
}
