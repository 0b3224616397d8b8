"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { LineageSearchHit } from "../types.ts";
import { lineageHref } from "../url-state.ts";
import { KIND_LABELS } from "./kind-labels.ts";

type SearchState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "done"; hits: LineageSearchHit[] }
  | { status: "failed"; message: string };

/** Finds a node to centre on: models, datasets, partitions, runs, commits, jobs. */
export function LineageSearch() {
  const [q, setQ] = useState("");
  const [state, setState] = useState<SearchState>({ status: "idle" });
  useEffect(() => {
    if (q.trim().length < 2) {
      setState({ status: "idle" });
      return;
    }
    const controller = new AbortController();
    // Waits for a pause in typing before asking the server.
    const timer = setTimeout(() => {
      setState({ status: "loading" });
      fetch(`/api/v1/lineage/search?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then(async (response) => {
          if (!response.ok) throw new Error(`The search failed (${response.status})`);
          const body = (await response.json()) as { hits: LineageSearchHit[] };
          setState({ status: "done", hits: body.hits });
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setState({
            status: "failed",
            message: error instanceof Error ? error.message : "The search failed",
          });
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  return (
    <div className="lineage-search">
      <label htmlFor="lineage-search-input">Find a node</label>
      <input
        id="lineage-search-input"
        type="search"
        value={q}
        onChange={(event) => setQ(event.target.value)}
        placeholder="Model, dataset, partition URI, run, commit SHA"
        autoComplete="off"
      />
      {state.status === "loading" ? <p className="muted">Searching…</p> : null}
      {state.status === "failed" ? <p role="alert">{state.message}</p> : null}
      {state.status === "done" ? (
        state.hits.length ? (
          <ul className="lineage-search-hits" aria-label="Search results">
            {state.hits.map((hit) => (
              <li key={hit.nodeId}>
                <Link href={lineageHref(hit.nodeId)}>
                  <span className="muted">{KIND_LABELS[hit.kind]}</span> {hit.label}{" "}
                  <span className="muted">{hit.detail}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing matches “{q.trim()}”.</p>
        )
      ) : null}
    </div>
  );
}
