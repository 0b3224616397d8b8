"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

type Kind = "partition" | "datasetVersion";

/** Where impact analysis starts; the choice lives in the URL (?partition=… or ?datasetVersion=…). */
export function ImpactSearch({ kind, value }: { kind: Kind; value: string }) {
  const router = useRouter();
  const [currentKind, setKind] = useState<Kind>(kind);
  const [currentValue, setValue] = useState(value);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = currentValue.trim();
    if (!trimmed) return;
    router.push(`/impact?${new URLSearchParams({ [currentKind]: trimmed })}`);
  }

  return (
    <form className="inline-form" onSubmit={handleSubmit} aria-label="Impact analysis">
      <div className="field">
        <label htmlFor="impact-kind">Start from</label>
        <select
          id="impact-kind"
          value={currentKind}
          onChange={(event) => setKind(event.target.value as Kind)}
        >
          <option value="partition">Raw partition (uri)</option>
          <option value="datasetVersion">Dataset version (id)</option>
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor="impact-value">
          {currentKind === "partition" ? "Partition uri" : "Dataset version id"}
        </label>
        <input
          id="impact-value"
          type="search"
          value={currentValue}
          onChange={(event) => setValue(event.target.value)}
          placeholder={
            currentKind === "partition" ? "s3://bucket/events/dt=2026-10-01/" : "64 hex characters"
          }
          required
        />
      </div>
      <button type="submit" className="button button-primary">
        Analyse
      </button>
    </form>
  );
}
