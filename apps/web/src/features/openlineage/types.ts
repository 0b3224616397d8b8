/** The answer to POST /api/v1/lineage. */
export interface IngestAnswer {
  /** The stored LineageEvent (the earlier one when this event was already ingested). */
  eventId: string;
  kind: "run" | "job" | "dataset";
  /** The same event was ingested before: nothing changed. */
  isDuplicate: boolean;
  warnings: string[];
  /** What the event was linked to. */
  links: {
    job: { namespace: string; name: string } | null;
    run: { id: string; state: string } | null;
    commit: { repo: string; sha: string } | null;
    datasetVersions: { dataset: string; id: string }[];
    modelVersions: { dataset: string; name: string; version: number }[];
  };
}
