import { formatEnumLabel } from "./format.ts";

/** A model version's stage as a coloured badge (styles: stage-badge, stage-<stage>). */
export function StageBadge({ stage }: { stage: string }) {
  return (
    <span className={`stage-badge stage-${stage.toLowerCase()}`}>{formatEnumLabel(stage)}</span>
  );
}
