"use client";

import { useRouter } from "next/navigation";
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
import type { PsiPoint } from "../types.ts";
import { driftHref } from "./drift-url.ts";
import { formatPsiTick, PSI_AXIS_DOMAIN, renderPsiThresholds } from "./psi-axis.tsx";

const GREY = "#9ca3af";
const BLUE = "#1d4ed8";

interface PsiTrendChartProps {
  feature: string;
  points: PsiPoint[];
  /** The selected window (its start), marked with a vertical line. */
  selected: string;
  minRows: number;
  /** Clicking a point selects its window. */
  link: { base: string; deployment: string };
}

interface Datum {
  day: string;
  windowStart: string;
  psi: number | null;
  isTooFewRows: boolean;
  currentCount: number;
}

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: Datum;
}

function TrendTooltip({
  active,
  payload,
  minRows,
}: {
  active?: boolean;
  payload?: { payload: Datum }[];
  minRows: number;
}) {
  const datum = payload?.[0]?.payload;
  if (!active || !datum) return null;
  return (
    <div className="card" style={{ padding: "0.5rem", fontSize: 13 }}>
      <strong>{datum.day}</strong>: PSI{" "}
      {typeof datum.psi === "number" ? datum.psi.toFixed(4) : "n/a"}
      <br />n = {datum.currentCount.toLocaleString("en")}
      {datum.isTooFewRows ? (
        <>
          <br />
          too few rows (minimum {minRows.toLocaleString("en")}): unreliable, never triggers
        </>
      ) : null}
    </div>
  );
}

/**
 * One feature's PSI across the deployment's windows, oldest first, with the thresholds. Windows
 * with too few rows are grey dots; a click on a point picks that window.
 */
export function PsiTrendChart({ feature, points, selected, minRows, link }: PsiTrendChartProps) {
  const router = useRouter();
  const data: Datum[] = points.map((point) => ({ ...point, day: point.windowStart.slice(0, 10) }));
  const last = data.at(-1);
  const greyed = data.filter((datum) => datum.isTooFewRows).length;
  const label = `PSI of ${feature} over ${data.length} windows; latest ${
    typeof last?.psi === "number" ? last.psi.toFixed(3) : "n/a"
  }${greyed ? `; ${greyed} windows with too few rows in grey` : ""}`;
  const select = (datum: Datum | undefined) => {
    if (datum)
      router.push(driftHref(link.base, { ...link, window: datum.windowStart, feature }), {
        scroll: false,
      });
  };
  const renderDot = ({ cx, cy, payload }: DotProps) => {
    if (cx === undefined || cy === undefined || !payload) return <g key={`none-${cx}`} />;
    return (
      <circle
        key={payload.windowStart}
        cx={cx}
        cy={cy}
        r={payload.windowStart === selected ? 5 : 3}
        fill={payload.isTooFewRows ? GREY : BLUE}
        stroke={payload.isTooFewRows ? GREY : BLUE}
        data-too-few-rows={payload.isTooFewRows ? "true" : undefined}
      />
    );
  };
  return (
    <div role="img" aria-label={label} style={{ width: "100%", height: 280 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data}
          margin={{ top: 20, right: 24, left: 8, bottom: 8 }}
          style={{ cursor: "pointer" }}
          onClick={(state) => select(data[Number(state?.activeTooltipIndex)])}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" minTickGap={24} />
          <YAxis domain={PSI_AXIS_DOMAIN} tickFormatter={formatPsiTick} />
          <Tooltip content={<TrendTooltip minRows={minRows} />} />
          {renderPsiThresholds("y", { moderate: "0.1", significant: "0.2" }, "right")}
          <ReferenceLine x={selected.slice(0, 10)} stroke="#111827" strokeOpacity={0.4} />
          <Line
            type="linear"
            dataKey="psi"
            name="PSI"
            stroke={BLUE}
            dot={renderDot}
            activeDot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
