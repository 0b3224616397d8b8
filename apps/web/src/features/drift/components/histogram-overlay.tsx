"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { OverlayBin, OverlayView } from "../types.ts";

const TRAINING_COLOUR = "#64748b";
const WINDOW_COLOUR = "#1d4ed8";

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const count = (value: number) => value.toLocaleString("en");

interface TooltipProps {
  active?: boolean;
  payload?: { payload: OverlayBin }[];
}

function BinTooltip({ active, payload }: TooltipProps) {
  const bin = payload?.[0]?.payload;
  if (!active || !bin) return null;
  return (
    <div className="card" style={{ padding: "0.5rem", fontSize: 13 }}>
      <strong>{bin.label}</strong>
      <br />
      training {percent(bin.referenceShare)} ({count(bin.referenceCount)} rows)
      <br />
      window {percent(bin.currentShare)} ({count(bin.currentCount)} rows)
    </div>
  );
}

/** Training vs window shares per bin (the training bins), with both sample sizes. */
export function HistogramOverlay({ overlay }: { overlay: OverlayView }) {
  const summary = overlay.bins
    .map(
      (bin) =>
        `${bin.label}: training ${percent(bin.referenceShare)}, window ${percent(bin.currentShare)}`,
    )
    .join("; ");
  return (
    <figure className="card" style={{ margin: 0 }}>
      <div
        role="img"
        aria-label={`Histogram of ${overlay.feature}, training vs window: ${summary}`}
        style={{ width: "100%", height: 300 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={overlay.bins} margin={{ top: 12, right: 24, left: 8, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="label"
              interval={0}
              angle={-20}
              textAnchor="end"
              height={60}
              fontSize={11}
            />
            <YAxis tickFormatter={(value: number) => `${(value * 100).toFixed(0)}%`} />
            <Tooltip content={<BinTooltip />} />
            <Legend verticalAlign="top" />
            <Bar
              dataKey="referenceShare"
              name="training"
              fill={TRAINING_COLOUR}
              isAnimationActive={false}
            />
            <Bar
              dataKey="currentShare"
              name="window"
              fill={WINDOW_COLOUR}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="cell-note">
        Shares of non-missing values per bin. Training: n = {count(overlay.reference.n)} (
        {count(overlay.reference.missing)} missing) · window of {overlay.windowStart.slice(0, 10)}:
        n = {count(overlay.current.n)} ({count(overlay.current.missing)} missing). Bins come from
        the training data (its deciles, or its categories plus any new ones); intervals are [low,
        high).
      </figcaption>
    </figure>
  );
}
