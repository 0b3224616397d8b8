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
import { PSI_MODERATE, PSI_SIGNIFICANT, type PsiPoint, SEVERITY_COLOURS } from "../types.ts";

interface PsiTrendChartProps {
  feature: string;
  points: PsiPoint[];
}

/** One feature's PSI across the deployment's windows, oldest first, with the thresholds. */
export function PsiTrendChart({ feature, points }: PsiTrendChartProps) {
  const data = points.map((point) => ({ day: point.windowStart.slice(0, 10), psi: point.psi }));
  const last = data.at(-1);
  const label = `PSI of ${feature} over ${data.length} windows; latest ${
    typeof last?.psi === "number" ? last.psi.toFixed(3) : "n/a"
  }`;
  return (
    <div role="img" aria-label={label} style={{ width: "100%", height: 280 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 20, right: 24, left: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" minTickGap={24} />
          <YAxis
            domain={[0, (max: number) => Math.max(0.25, max * 1.1)]}
            tickFormatter={(value: number) => value.toFixed(2)}
          />
          <Tooltip
            formatter={(value) => (typeof value === "number" ? value.toFixed(4) : String(value))}
          />
          <ReferenceLine
            y={PSI_MODERATE}
            stroke={SEVERITY_COLOURS.MODERATE}
            strokeDasharray="4 4"
            label={{ value: "0.1", position: "right", fontSize: 12 }}
          />
          <ReferenceLine
            y={PSI_SIGNIFICANT}
            stroke={SEVERITY_COLOURS.SIGNIFICANT}
            strokeDasharray="4 4"
            label={{ value: "0.2", position: "right", fontSize: 12 }}
          />
          <Line
            type="linear"
            dataKey="psi"
            name="PSI"
            stroke="#1d4ed8"
            dot={{ r: 2 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
