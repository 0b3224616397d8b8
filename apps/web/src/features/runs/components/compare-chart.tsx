"use client";

import { type SeriesBucket, traceBuckets } from "@pedigree/domain";
import { useEffect, useMemo, useState } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { fetchJson } from "../../../client/fetch-json.ts";
import { formatCellValue } from "./format-value.ts";
import styles from "./runs.module.css";

interface CompareChartProps {
  runs: { id: string; name: string }[];
  metricKeys: string[];
}

interface SeriesAnswer {
  fromStep: number;
  toStep: number;
  width: number;
  series: { runId: string; buckets: SeriesBucket[] }[];
}

const COLOURS = [
  "#1d4ed8",
  "#dc2626",
  "#059669",
  "#d97706",
  "#7c3aed",
  "#0891b2",
  "#db2777",
  "#4b5563",
  "#65a30d",
  "#9333ea",
];

type Range = { fromStep: number; toStep: number } | null;

/** Merges the runs' traces into rows by step, as recharts wants one data array per chart. */
function mergeTraces(answer: SeriesAnswer): Record<string, number>[] {
  const rows = new Map<number, Record<string, number>>();
  for (const { runId, buckets } of answer.series) {
    for (const point of traceBuckets(buckets)) {
      // Two points at one step (a bucket's min and max) become two rows so both are drawn.
      let row = rows.get(point.step);
      if (row && runId in row) {
        const next = point.step + 1e-6;
        row = rows.get(next) ?? { step: next };
        rows.set(next, row);
      } else if (!row) {
        row = { step: point.step };
        rows.set(point.step, row);
      }
      row[runId] = point.value;
    }
  }
  return [...rows.values()].sort((a, b) => (a.step as number) - (b.step as number));
}

/**
 * The chosen metric's curves for every compared run, downsampled on the server to ~1,000 buckets
 * (min, max and last, so spikes stay visible). Dragging across the chart zooms in: the server
 * re-buckets the narrower step range, so detail appears instead of stretched pixels.
 */
export function CompareChart({ runs, metricKeys }: CompareChartProps) {
  const [key, setKey] = useState(metricKeys[0] ?? "");
  const [range, setRange] = useState<Range>(null);
  const [answer, setAnswer] = useState<SeriesAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);

  useEffect(() => {
    if (!key) return;
    const search = new URLSearchParams({
      runIds: runs.map((run) => run.id).join(","),
      key,
      buckets: "1000",
    });
    if (range) {
      search.set("fromStep", String(Math.floor(range.fromStep)));
      search.set("toStep", String(Math.ceil(range.toStep)));
    }
    let isCurrent = true;
    setError(null);
    fetchJson<SeriesAnswer>(`/api/v1/runs/metric-series?${search}`)
      .then((next) => {
        if (isCurrent) setAnswer(next);
      })
      .catch((failure: unknown) => {
        if (isCurrent)
          setError(failure instanceof Error ? failure.message : "Loading the chart failed");
      });
    return () => {
      isCurrent = false;
    };
  }, [key, range, runs]);

  const data = useMemo(() => (answer ? mergeTraces(answer) : []), [answer]);

  function zoom(factor: number) {
    if (!answer) return;
    const middle = (answer.fromStep + answer.toStep) / 2;
    const half = Math.max(1, ((answer.toStep - answer.fromStep) / 2) * factor);
    setRange({
      fromStep: Math.max(0, Math.floor(middle - half)),
      toStep: Math.ceil(middle + half),
    });
  }

  function endDrag() {
    if (drag && Math.abs(drag.to - drag.from) >= 1) {
      setRange({
        fromStep: Math.max(0, Math.min(drag.from, drag.to)),
        toStep: Math.max(drag.from, drag.to),
      });
    }
    setDrag(null);
  }

  const readStep = (state: { activeLabel?: string | number | undefined } | null) => {
    const step = Number(state?.activeLabel);
    return Number.isFinite(step) ? step : null;
  };

  return (
    <section aria-labelledby="compare-chart-title">
      <h2 id="compare-chart-title">Metric curves</h2>
      <div className={styles.chartControls}>
        <label>
          Metric{" "}
          <select
            value={key}
            onChange={(event) => {
              setKey(event.target.value);
              setRange(null);
            }}
          >
            {metricKeys.map((metric) => (
              <option key={metric}>{metric}</option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => zoom(0.5)} disabled={!answer}>
          Zoom in
        </button>
        <button
          type="button"
          className="button"
          onClick={() => zoom(2)}
          disabled={!answer || !range}
        >
          Zoom out
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => setRange(null)}
          disabled={!range}
        >
          Reset zoom
        </button>
        {answer ? (
          <span className="muted" data-testid="chart-range">
            steps {answer.fromStep}–{answer.toStep}, {answer.width} per bucket
          </span>
        ) : null}
      </div>
      {error ? <p role="alert">{error}</p> : null}
      <div
        role="img"
        aria-label={`${key} for ${runs.length} runs${answer ? `, steps ${answer.fromStep} to ${answer.toStep}` : ""}; drag across the chart to zoom`}
        style={{ width: "100%", height: 360, userSelect: "none" }}
        data-testid="compare-chart"
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={data}
            margin={{ top: 12, right: 24, left: 8, bottom: 8 }}
            onMouseDown={(state) => {
              const step = readStep(state);
              if (step !== null) setDrag({ from: step, to: step });
            }}
            onMouseMove={(state) => {
              const step = readStep(state);
              if (drag && step !== null) setDrag({ ...drag, to: step });
            }}
            onMouseUp={endDrag}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="step"
              type="number"
              domain={answer ? [answer.fromStep, answer.toStep] : ["auto", "auto"]}
              allowDataOverflow
              tickFormatter={(step: number) => String(Math.round(step))}
            />
            <YAxis tickFormatter={(value: number) => formatCellValue(value)} width={64} />
            <Tooltip
              labelFormatter={(step) => `step ${Math.round(Number(step))}`}
              formatter={(value) => formatCellValue(Number(value))}
            />
            <Legend />
            {runs.map((run, index) => (
              <Line
                key={run.id}
                dataKey={run.id}
                name={run.name || run.id}
                stroke={COLOURS[index % COLOURS.length]}
                dot={false}
                strokeWidth={1.25}
                connectNulls
                isAnimationActive={false}
                type="linear"
              />
            ))}
            {drag ? (
              <ReferenceArea
                x1={drag.from}
                x2={drag.to}
                strokeOpacity={0.3}
                fill="#93c5fd"
                fillOpacity={0.3}
              />
            ) : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
