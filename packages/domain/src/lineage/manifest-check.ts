import { computeDatasetVersionId } from "./dataset-version-id.ts";
import type { ReproduceManifest } from "./manifest.ts";

/** For each dataset version of a manifest, whether its id is the hash of what it lists. */
export function checkManifestDatasetVersionIds(
  manifest: Pick<ReproduceManifest, "datasetVersions">,
): { id: string; computed: string; isMatch: boolean }[] {
  return manifest.datasetVersions.map((version) => {
    const computed = computeDatasetVersionId({
      partitionChecksums: version.partitions.map((p) => p.checksum),
      commitSha: version.commit?.sha ?? null,
      params: version.params,
    });
    return { id: version.id, computed, isMatch: computed === version.id };
  });
}
