"use client";

import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { PsiPoint } from "../types.ts";
import {
  formatPsiTick,
  formatPsiValue,
  PSI_AXIS_DOMAIN,
  renderPsiThresholds,
} from "./psi-axis.tsx";

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
          <YAxis domain={PSI_AXIS_DOMAIN} tickFormatter={formatPsiTick} />
          <Tooltip formatter={formatPsiValue} />
          {renderPsiThresholds("y", { moderate: "0.1", significant: "0.2" }, "right")}
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
