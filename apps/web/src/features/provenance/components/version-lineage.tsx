import Link from "next/link";
import { modelPath } from "../../models/model-path.ts";
import type { ProvenanceView } from "../types.ts";
import { ReproduceTab } from "./reproduce-tab.tsx";
import { TrainedOnCard } from "./trained-on-card.tsx";

export type LineageTab = "trained-on" | "reproduce";

/**
 * Every version's answer to "what was this trained on": a version picker (versions that miss
 * lineage marked in red), then the Trained-on card or the Reproduce tab. Which version and tab
 * are in the URL (`?version=3&tab=reproduce`), so the page stays server-rendered and linkable.
 */
export function VersionLineage({
  model,
  versions,
  missing,
  provenance,
  tab,
}: {
  model: string;
  versions: readonly { version: number; stage: string }[];
  missing: ReadonlyMap<number, ProvenanceView["missing"]>;
  provenance: ProvenanceView;
  tab: LineageTab;
}) {
  const selected = provenance.modelVersion.version;
  const href = (version: number, to: LineageTab) =>
    `${modelPath(model)}?version=${version}${to === "reproduce" ? "&tab=reproduce" : ""}#version-lineage`;
  return (
    <div id="version-lineage" className="version-lineage">
      <nav aria-label="Versions" className="version-lineage-picker">
        {versions.map(({ version, stage }) => {
          const lacks = missing.get(version)?.length ?? 0;
          return (
            <Link
              key={version}
              href={href(version, tab)}
              aria-current={version === selected ? "page" : undefined}
              className={lacks ? "version-lineage-missing" : undefined}
              title={lacks ? "Missing lineage: fails the lineage gate" : undefined}
            >
              v{version}
              {stage === "PRODUCTION" ? " (production)" : ""}
              {lacks ? " ⚠" : ""}
            </Link>
          );
        })}
        <Link href={`${modelPath(model)}/compare?a=${Math.max(1, selected - 1)}&b=${selected}`}>
          Compare versions
        </Link>
      </nav>
      <div role="tablist" aria-label="Lineage of the version" className="version-lineage-tabs">
        <Link role="tab" aria-selected={tab === "trained-on"} href={href(selected, "trained-on")}>
          Trained on
        </Link>
        <Link role="tab" aria-selected={tab === "reproduce"} href={href(selected, "reproduce")}>
          Reproduce
        </Link>
      </div>
      {tab === "reproduce" ? (
        <section className="trained-on" aria-label={`Reproduce v${selected}`}>
          <h2>Reproduce v{selected}</h2>
          <ReproduceTab
            url={`/api/v1/models/${encodeURIComponent(model)}/versions/${selected}/manifest`}
          />
        </section>
      ) : (
        <TrainedOnCard provenance={provenance} />
      )}
    </div>
  );
}
