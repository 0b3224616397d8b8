"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  type FeatureDriftView,
  PSI_MODERATE,
  PSI_SIGNIFICANT,
  SEVERITY_COLOURS,
  SEVERITY_LABELS,
} from "../types.ts";

interface PsiBarChartProps {
  features: FeatureDriftView[];
  muted: boolean;
}

/** PSI per feature, worst first, coloured by severity, with the 0.1 and 0.2 thresholds. */
export function PsiBarChart({ features, muted }: PsiBarChartProps) {
  const rows = [...features].sort((a, b) => b.psi - a.psi);
  const height = Math.max(160, rows.length * 28 + 60);
  const summary = rows
    .map((row) => `${row.feature} ${row.psi.toFixed(3)} (${SEVERITY_LABELS[row.severity]})`)
    .join(", ");
  return (
    <figure className="card" style={{ margin: 0, opacity: muted ? 0.5 : 1 }}>
      <div role="img" aria-label={`PSI per feature: ${summary}`} style={{ width: "100%", height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={rows}
            layout="vertical"
            margin={{ top: 20, right: 24, left: 8, bottom: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              domain={[0, (max: number) => Math.max(0.25, max * 1.1)]}
              tickFormatter={(value: number) => value.toFixed(2)}
            />
            <YAxis type="category" dataKey="feature" width={190} />
            <Tooltip
              formatter={(value) => (typeof value === "number" ? value.toFixed(4) : String(value))}
            />
            <ReferenceLine
              x={PSI_MODERATE}
              stroke={SEVERITY_COLOURS.MODERATE}
              strokeDasharray="4 4"
              label={{ value: "0.1 moderate", position: "top", fontSize: 12 }}
            />
            <ReferenceLine
              x={PSI_SIGNIFICANT}
              stroke={SEVERITY_COLOURS.SIGNIFICANT}
              strokeDasharray="4 4"
              label={{ value: "0.2 significant", position: "top", fontSize: 12 }}
            />
            <Bar dataKey="psi" name="PSI" isAnimationActive={false}>
              {rows.map((row) => (
                <Cell key={row.feature} fill={SEVERITY_COLOURS[row.severity]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
