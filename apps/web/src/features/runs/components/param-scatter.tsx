"use client";

import { useState } from "react";
import {
  CartesianGrid,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { RunJson } from "../types.ts";
import { formatCellValue } from "./format-value.ts";
import styles from "./runs.module.css";

interface ParamScatterProps {
  runs: RunJson[];
  paramKeys: string[];
  metricKeys: string[];
}

/**
 * A param against a metric across the compared runs. Numeric params sit on a number axis;
 * other params on a category axis.
 */
export function ParamScatter({ runs, paramKeys, metricKeys }: ParamScatterProps) {
  const [param, setParam] = useState(paramKeys[0] ?? "");
  const [metric, setMetric] = useState(metricKeys[0] ?? "");
  const points = runs.flatMap((run) => {
    const x = run.params.find((p) => p.key === param)?.value;
    const y = run.metrics.find((m) => m.key === metric)?.value;
    return x === undefined || y === undefined || !Number.isFinite(y)
      ? []
      : [{ x, y, name: run.name || run.id }];
  });
  const isNumeric = points.every(
    (point) => point.x.trim() !== "" && Number.isFinite(Number(point.x)),
  );
  const data = points.map((point) => ({ ...point, x: isNumeric ? Number(point.x) : point.x }));
  return (
    <section aria-labelledby="scatter-title">
      <h2 id="scatter-title">Param vs metric</h2>
      <div className={styles.chartControls}>
        <label>
          Param{" "}
          <select value={param} onChange={(event) => setParam(event.target.value)}>
            {paramKeys.map((key) => (
              <option key={key}>{key}</option>
            ))}
          </select>
        </label>
        <label>
          Metric{" "}
          <select value={metric} onChange={(event) => setMetric(event.target.value)}>
            {metricKeys.map((key) => (
              <option key={key}>{key}</option>
            ))}
          </select>
        </label>
      </div>
      <div
        role="img"
        aria-label={`${metric} against ${param} for ${data.length} runs`}
        style={{ width: "100%", height: 300 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 12, right: 24, left: 8, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="x"
              name={param}
              type={isNumeric ? "number" : "category"}
              domain={["auto", "auto"]}
            />
            <YAxis
              dataKey="y"
              name={metric}
              type="number"
              domain={["auto", "auto"]}
              tickFormatter={(v: number) => formatCellValue(v)}
            />
            <Tooltip cursor={{ strokeDasharray: "3 3" }} />
            <Scatter data={data} fill="#1d4ed8" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
