import type { ProvenanceView } from "../provenance/types.ts";
import type { DatasetChange, ValueChange, VersionComparison } from "./types.ts";

type Side = Pick<ProvenanceView, "datasetVersions" | "params" | "commit"> & {
  metrics: Record<string, number>;
};

function diffValues<T>(a: Record<string, T>, b: Record<string, T>): ValueChange<T>[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.map((key) => {
    const left = a[key] ?? null;
    const right = b[key] ?? null;
    return { key, a: left, b: right, isChanged: !Object.is(left, right) };
  });
}

/** A partition is the same when its uri and its checksum are: new content under a uri is a change. */
const partitionKey = (p: { uri: string; checksum: string }) => `${p.uri}\u0000${p.checksum}`;

function diffDatasets(a: Side["datasetVersions"], b: Side["datasetVersions"]): DatasetChange[] {
  const key = (d: { name: string; context: string }) => `${d.context}\u0000${d.name}`;
  const left = new Map(a.map((d) => [key(d), d]));
  const right = new Map(b.map((d) => [key(d), d]));
  const keys = [...new Set([...left.keys(), ...right.keys()])].sort();
  return keys.map((k) => {
    const x = left.get(k);
    const y = right.get(k);
    const inX = new Set((x?.partitions ?? []).map(partitionKey));
    const inY = new Set((y?.partitions ?? []).map(partitionKey));
    const summary = (d: typeof x) =>
      d ? { id: d.id, rowCount: d.rowCount, partitionCount: d.partitions.length } : null;
    const ref = (p: Side["datasetVersions"][number]["partitions"][number]) => ({
      uri: p.uri,
      checksum: p.checksum,
      partitionKey: p.partitionKey,
    });
    const either = (x ?? y) as NonNullable<typeof x>;
    return {
      name: either.name,
      context: either.context,
      a: summary(x),
      b: summary(y),
      isSameVersion: Boolean(x && y && x.id === y.id),
      added: (y?.partitions ?? []).filter((p) => !inX.has(partitionKey(p))).map(ref),
      removed: (x?.partitions ?? []).filter((p) => !inY.has(partitionKey(p))).map(ref),
    };
  });
}

/** What changed from a to b: params, metrics (b − a), dataset versions and partitions, commit. */
export function diffVersions(
  a: Side,
  b: Side,
): Pick<VersionComparison, "params" | "metrics" | "datasets" | "commit"> {
  const commit = (c: Side["commit"]) =>
    c ? { sha: c.sha, repo: c.repo, message: c.message } : null;
  return {
    params: diffValues(a.params, b.params),
    metrics: diffValues(a.metrics, b.metrics).map((change) => ({
      ...change,
      delta: change.a !== null && change.b !== null ? change.b - change.a : null,
    })),
    datasets: diffDatasets(a.datasetVersions, b.datasetVersions),
    commit: {
      a: commit(a.commit),
      b: commit(b.commit),
      isSame: Boolean(
        a.commit && b.commit && a.commit.sha === b.commit.sha && a.commit.repo === b.commit.repo,
      ),
    },
  };
}
