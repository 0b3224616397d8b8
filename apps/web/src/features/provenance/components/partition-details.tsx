import type { ReactNode } from "react";

/** A folded list of a dataset version's partitions with their checksums. */
export function PartitionDetails({
  summary,
  partitions,
}: {
  summary: ReactNode;
  partitions: readonly { uri: string; checksum: string }[];
}) {
  return (
    <details>
      <summary>{summary}</summary>
      <ul className="mono trained-on-partitions">
        {partitions.map((p) => (
          <li key={p.uri}>
            {p.uri} <span className="muted">{p.checksum}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
