import type { LineageGraph } from "@pedigree/domain";
import type { Metadata } from "next";
import { LineageExplorer } from "../../../features/lineage/components/lineage-explorer.tsx";
import { LineageSearch } from "../../../features/lineage/components/lineage-search.tsx";
import { getLineageGraph } from "../../../features/lineage/graph-service.ts";
import { parseLineageUrl } from "../../../features/lineage/url-state.ts";
import { requireCurrentUser } from "../../../server/auth/current-user.ts";
import { getDatabase } from "../../../server/db.ts";
import { AppError } from "../../../server/errors.ts";

export const metadata: Metadata = { title: "Lineage" };

interface LineagePageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The graph around the node in the URL; a mistyped or vanished node is said, not a 500. */
async function loadGraph(
  state: ReturnType<typeof parseLineageUrl> & { node: string },
): Promise<{ graph: LineageGraph } | { problem: string }> {
  try {
    return { graph: await getLineageGraph(await getDatabase(), state) };
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === "NOT_FOUND" || error.code === "INVALID_INPUT")
    ) {
      return { problem: error.message };
    }
    throw error;
  }
}

export default async function LineagePage({ searchParams }: LineagePageProps) {
  await requireCurrentUser();
  const state = parseLineageUrl(await searchParams);
  const node = state.node;
  const answer = node ? await loadGraph({ ...state, node }) : null;
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
