import { ReferenceLine } from "recharts";
import { PSI_MODERATE, PSI_SIGNIFICANT, SEVERITY_COLOURS } from "../types.ts";

// What both PSI charts share: the axis (never shorter than 0.25, so the thresholds always show),
// the number formats, and the dashed 0.1 / 0.2 threshold lines.
export const PSI_AXIS_DOMAIN: [number, (max: number) => number] = [
  0,
  (max) => Math.max(0.25, max * 1.1),
];
export const formatPsiTick = (value: number) => value.toFixed(2);
export const formatPsiValue = (value: unknown) =>
  typeof value === "number" ? value.toFixed(4) : String(value);

/** The threshold lines across a PSI axis (`x` for bars, `y` for lines over time). */
export function renderPsiThresholds(
  axis: "x" | "y",
  labels: { moderate: string; significant: string },
  position: "top" | "right",
) {
  return [
    { value: PSI_MODERATE, colour: SEVERITY_COLOURS.MODERATE, label: labels.moderate },
    { value: PSI_SIGNIFICANT, colour: SEVERITY_COLOURS.SIGNIFICANT, label: labels.significant },
  ].map((line) => (
    <ReferenceLine
      key={line.value}
      {...{ [axis]: line.value }}
      stroke={line.colour}
      strokeDasharray="4 4"
      label={{ value: line.label, position, fontSize: 12 }}
    />
  ));
}
