"use client";

import { useRouter } from "next/navigation";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { type FeatureDriftView, SEVERITY_COLOURS, SEVERITY_LABELS } from "../types.ts";
import { driftHref } from "./drift-url.ts";
import {
  formatPsiTick,
  formatPsiValue,
  PSI_AXIS_DOMAIN,
  renderPsiThresholds,
} from "./psi-axis.tsx";

interface PsiBarChartProps {
  features: FeatureDriftView[];
  muted: boolean;
  /** Clicking a bar selects its feature (the overlay and the PSI over time below). */
  link?: { base: string; deployment: string; window: string };
}

/** The feature of a clicked bar: recharts hands the bar's item, its datum under `payload`. */
function readFeature(item: unknown): string | null {
  const record = item as { feature?: unknown; payload?: { feature?: unknown } } | null;
  const feature = record?.payload?.feature ?? record?.feature;
  return typeof feature === "string" ? feature : null;
}

/** PSI per feature, worst first, coloured by severity, with the 0.1 and 0.2 thresholds. */
export function PsiBarChart({ features, muted, link }: PsiBarChartProps) {
  const router = useRouter();
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
            <XAxis type="number" domain={PSI_AXIS_DOMAIN} tickFormatter={formatPsiTick} />
            <YAxis type="category" dataKey="feature" width={190} />
            <Tooltip formatter={formatPsiValue} />
            {renderPsiThresholds(
              "x",
              { moderate: "0.1 moderate", significant: "0.2 significant" },
              "top",
            )}
            <Bar
              dataKey="psi"
              name="PSI"
              isAnimationActive={false}
              cursor={link ? "pointer" : undefined}
              onClick={(item) => {
                const feature = readFeature(item);
                if (link && feature)
                  router.push(driftHref(link.base, { ...link, feature }), { scroll: false });
              }}
            >
              {rows.map((row) => (
                <Cell
                  key={row.feature}
                  fill={SEVERITY_COLOURS[row.severity]}
                  data-feature={row.feature}
                  data-severity={row.severity}
                />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
