import type { DemoData, MetricCurve } from "./demo-data.ts";
import type { RunPlan } from "./generate-runs.ts";
import type { Random } from "./random.ts";

interface Shape {
  start: number;
  end: number;
  /** Noise sd around the trend; it shrinks as training settles. */
  noise: number;
  /** Keep the last value exactly `end` (a finished run reports its final metric). */
  isExact: boolean;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** Values on `steps` decaying exponentially from start to end, with noise. */
function drawCurve(
  random: Random,
  steps: readonly number[],
  total: number,
  shape: Shape,
): number[] {
  const tau = total * random.between(0.12, 0.3);
  return steps.map((step, i) => {
    const decay = Math.exp(-step / tau);
    if (shape.isExact && i === steps.length - 1) return shape.end;
    const trend = shape.end + (shape.start - shape.end) * decay;
    return round6(Math.max(1e-4, trend + random.gaussian(0, shape.noise * (0.3 + decay))));
  });
}

/** Final values of the four metrics, consistent with the primary one. */
function findFinals(plan: RunPlan, random: Random) {
  const [quality, secondary] = plan.model.metricKeys;
  if (plan.model.primaryMetric.key === "val_loss") {
    const accuracy = 0.95 - plan.finalPrimary * random.between(0.38, 0.42);
    return {
      val_loss: plan.finalPrimary,
      [quality]: accuracy,
      [secondary]: accuracy * random.between(0.75, 0.85),
    };
  }
  return {
    val_loss: (1 - plan.finalPrimary) * random.between(1.1, 1.4),
    [quality]: plan.finalPrimary,
    [secondary]: plan.finalPrimary * random.between(0.6, 0.85),
  };
}

/** The four metric curves of a run, and its latest metrics (the last point of each). */
export function generateCurves(plan: RunPlan, random: Random) {
  const { run, steps: planned } = plan;
  const cut =
    plan.outcome === "finished"
      ? 1
      : plan.outcome === "running"
        ? random.between(0.3, 0.7)
        : random.between(0.2, 0.8);
  const total = Math.max(10, Math.floor(planned * cut));
  const isExact = plan.outcome === "finished";
  const start = run.startTime.getTime();
  const end = run.endTime instanceof Date ? run.endTime.getTime() : start + 5 * 3_600_000;
  const stepMs = (end - start) / planned;
  const trainSteps = Array.from({ length: total }, (_, i) => i);
  const validSteps = trainSteps.filter(
    (s) => s % plan.validEvery === plan.validEvery - 1 || s === total - 1,
  );
  const finals = findFinals(plan, random);
  const [quality, secondary] = plan.model.metricKeys;
  const validLoss = finals.val_loss as number;
  const shapes: [string, number[], Shape][] = [
    [
      "train_loss",
      trainSteps,
      { start: 0.7, end: validLoss * random.between(0.75, 0.92), noise: 0.02, isExact },
    ],
    ["val_loss", validSteps, { start: 0.72, end: validLoss, noise: 0.008, isExact }],
    [
      quality,
      validSteps,
      {
        start: quality === "val_auc" ? 0.5 : 0.3,
        end: finals[quality] as number,
        noise: 0.004,
        isExact,
      },
    ],
    [
      secondary,
      validSteps,
      { start: 0.1, end: finals[secondary] as number, noise: 0.006, isExact },
    ],
  ];
  const curves: MetricCurve[] = shapes.map(([key, steps, shape]) => {
    const values = drawCurve(random, steps, total, shape);
    return {
      runId: run.id,
      key,
      steps: [...steps],
      timestamps: steps.map((s) => Math.round(start + (s + 1) * stepMs)),
      values,
    };
  });
  const train = curves[0] as MetricCurve;
  for (let i = 0; i < plan.spikes; i++) {
    // A bad batch: one loss point several times its neighbours.
    const at = Math.floor(total * random.between(0.25, 0.9));
    train.values[at] = round6((train.values[at] as number) * random.between(3, 8));
  }
  if (plan.outcome === "diverged") {
    // The learning rate was too high: the loss blows up, then the last step logs NaN.
    const from = Math.floor(total * 0.7);
    for (let s = from; s < total; s++)
      train.values[s] = round6((train.values[s] as number) * Math.exp((s - from) / 4));
    train.values[total - 1] = Number.NaN;
  }
  const latestMetrics: DemoData["latestMetrics"] = curves.map((curve) => {
    const last = curve.steps.length - 1;
    return {
      runId: run.id,
      key: curve.key,
      step: curve.steps[last] as number,
      timestamp: curve.timestamps[last] as number,
      value: curve.values[last] as number,
    };
  });
  return { curves, latestMetrics };
}
