import type { Metadata } from "next";
import { LineageExplorer } from "../../../features/lineage/components/lineage-explorer.tsx";
import { LineageSearch } from "../../../features/lineage/components/lineage-search.tsx";
import { getLineageGraph } from "../../../features/lineage/graph-service.ts";
import { parseLineageUrl } from "../../../features/lineage/url-state.ts";
import { requireCurrentUser } from "../../../server/auth/current-user.ts";
import { getDatabase } from "../../../server/db.ts";
import { loadOrProblem } from "../../../server/errors.ts";

export const metadata: Metadata = { title: "Lineage" };

interface LineagePageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function LineagePage({ searchParams }: LineagePageProps) {
  await requireCurrentUser();
  const state = parseLineageUrl(await searchParams);
  const node = state.node;
  // The graph around the node in the URL; a mistyped or vanished node is said, not a 500.
  const answer = node
    ? await loadOrProblem(async () => ({
        graph: await getLineageGraph(await getDatabase(), { ...state, node }),
      }))
    : null;
  return (
    <>
      <h1>Lineage</h1>
      <LineageSearch />
      {!node ? (
        <p className="muted">
          Find a model, a dataset, a raw partition, a run or a commit to see what it came from and
          what depends on it. A model version&apos;s page links here too.
        </p>
      ) : answer && "problem" in answer ? (
        <p role="alert" className="lineage-problem">
          {answer.problem}
        </p>
      ) : answer ? (
        <LineageExplorer
          graph={answer.graph}
          state={{ ...state, node, expand: [...state.expand] }}
        />
      ) : null}
    </>
  );
}
