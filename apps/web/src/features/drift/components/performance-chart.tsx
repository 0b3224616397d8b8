"use client";

import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { MetricSeriesView } from "../types.ts";

/** A labelled-outcome metric per window, against the value the version's training run logged. */
export function PerformanceChart({ series }: { series: MetricSeriesView }) {
  const data = series.points.map((point) => ({
    day: point.windowStart.slice(0, 10),
    value: point.value,
  }));
  const values = series.points.flatMap((point) => (point.value === null ? [] : [point.value]));
  if (series.evaluation !== null) values.push(series.evaluation);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max((high - low) * 0.15, 0.01);
  const latest = values.length ? data.filter((datum) => datum.value !== null).at(-1)?.value : null;
  const label = `${series.key} over ${data.length} windows; latest ${
    typeof latest === "number" ? latest.toFixed(3) : "n/a"
  }; at evaluation ${series.evaluation === null ? "not logged" : series.evaluation.toFixed(3)}`;
  return (
    <figure className="card" style={{ margin: 0 }}>
      <div role="img" aria-label={label} style={{ width: "100%", height: 220 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 20, right: 24, left: 8, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" minTickGap={24} />
            <YAxis
              domain={[low - pad, high + pad]}
              tickFormatter={(value: number) => value.toFixed(3)}
            />
            <Tooltip
              formatter={(value: unknown) =>
                typeof value === "number" ? value.toFixed(4) : String(value)
              }
            />
            {series.evaluation !== null ? (
              <ReferenceLine
                y={series.evaluation}
                stroke="#6b7280"
                strokeDasharray="4 4"
                label={{
                  value: `evaluation ${series.evaluation.toFixed(3)}`,
                  position: "insideTopRight",
                  fontSize: 12,
                }}
              />
            ) : null}
            <Line
              type="linear"
              dataKey="value"
              name={series.key}
              stroke="#7c3aed"
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="cell-note">
        {series.key}
        {series.isPrimary ? " (the model's evaluation metric)" : ""} per serving window, from
        labelled outcomes the pipeline sent; dashed: the training run's value.
      </figcaption>
    </figure>
  );
}
