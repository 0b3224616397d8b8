import { ModelsEmptyState } from "../../../features/models/components/models-empty-state.tsx";
import { ModelsNoMatch } from "../../../features/models/components/models-no-match.tsx";
import {
  ModelsPager,
  ModelsPageSummary,
  ModelsPastEnd,
} from "../../../features/models/components/models-pager.tsx";
import { ModelsSearchForm } from "../../../features/models/components/models-search-form.tsx";
import { ModelsTable } from "../../../features/models/components/models-table.tsx";
import { readModelListRequest } from "../../../features/models/list-request.ts";
import { listModelPage } from "../../../features/models/service.ts";
import { requireCurrentUser } from "../../../server/auth/current-user.ts";
import { getDatabase } from "../../../server/db.ts";

interface ModelsPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The registered models, a page at a time, found by name: `/?q=fraud&page=2`. */
export default async function ModelsPage({ searchParams }: ModelsPageProps) {
  await requireCurrentUser();
  const request = readModelListRequest(await searchParams);
  const page = await listModelPage(await getDatabase(), request);
  const { query } = request;

  if (page.total === 0 && !query) {
    return (
      <>
        <h1>Registered models</h1>
        <ModelsEmptyState />
      </>
    );
  }
  return (
    <>
      <h1>Registered models</h1>
      <ModelsSearchForm query={query} />
      {page.total === 0 ? (
        <ModelsNoMatch query={query} />
      ) : page.models.length === 0 ? (
        <ModelsPastEnd page={page} query={query} />
      ) : (
        <>
          <ModelsPageSummary page={page} query={query} />
          <ModelsTable models={page.models} />
          <ModelsPager page={page} query={query} />
        </>
      )}
    </>
  );
}
