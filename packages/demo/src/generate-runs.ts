import { EXPLORATIONS, type ModelSpec, RUNS_PER_MODEL, VERSIONS } from "./catalog.ts";
import type { DemoContext } from "./demo-context.ts";
import type { DemoData } from "./demo-data.ts";
import { type Commit, findCommitBefore } from "./generate-code.ts";
import type { Era, EraKey } from "./generate-datasets.ts";
import type { People } from "./generate-people.ts";
import { addHours } from "./time.ts";

type Run = DemoData["runs"][number];
type RunOutcome = "finished" | "failed" | "killed" | "running" | "diverged";

/** A run and what its metric curves must look like. */
export interface RunPlan {
  run: Run & { id: string; startTime: Date };
  model: ModelSpec;
  steps: number;
  /** Validation metrics are logged every `validEvery` steps. */
  validEvery: number;
  /** The primary metric's last value. */
  finalPrimary: number;
  outcome: RunOutcome;
  spikes: number;
}

export interface ModelInputs {
  model: ModelSpec;
  eras: Map<EraKey, Era>;
  commits: readonly Commit[];
}

// Each version's run: when it starts (days before the anchor: after its data is built, before
// the version is registered) and the data era it trains on. Index: version - 1.
const VERSION_RUNS: readonly { daysAgo: number; era: EraKey }[] = [
  { daysAgo: 209.5, era: "first" },
  { daysAgo: 127.5, era: "rolledBack" },
  { daysAgo: 65.5, era: "production" },
  { daysAgo: 3.7, era: "candidate" },
  { daysAgo: 3.5, era: "candidate" },
  { daysAgo: 1.7, era: "draft" },
];
/** The version whose metric a sweep of an era approaches. */
const ERA_VERSION: Record<EraKey, number> = {
  first: 1,
  rolledBack: 2,
  production: 3,
  candidate: 4,
  draft: 4,
};
const ADJECTIVES = ["bold", "calm", "eager", "brisk", "quiet", "lucky", "sunny", "witty", "keen"];
const ANIMALS = ["owl", "lynx", "otter", "heron", "fox", "yak", "koala", "ibis", "moth", "wren"];
const USERS = ["engineer", "dana.kim", "marcus.osei", "lena.fischer", "sam.rivera"];

/** The experiments, their ~300 runs with params, tags and inputs, and each run's curve plan. */
export function generateRuns(context: DemoContext, people: People, inputs: readonly ModelInputs[]) {
  const random = context.random.fork("runs");
  const rows: Pick<
    DemoData,
    "experiments" | "experimentTags" | "runs" | "params" | "runTags" | "runInputs"
  > = { experiments: [], experimentTags: [], runs: [], params: [], runTags: [], runInputs: [] };
  const plans: RunPlan[] = [];
  const versionRuns = new Map<string, Map<number, RunPlan>>();

  const addExperiment = (name: string, model: ModelSpec, note: string) => {
    const id = random.id();
    rows.experiments.push({
      id,
      name,
      artifactLocation: `s3://pedigree-demo/mlflow/${id}`,
      lifecycleStage: "ACTIVE",
      createdAt: context.at(215, random.between(9, 17)),
      updatedAt: context.at(215, 18),
    });
    rows.experimentTags.push(
      { experimentId: id, key: "team", value: model.team },
      { experimentId: id, key: "mlflow.note.content", value: note },
    );
    return rows.experiments.at(-1) as DemoData["experiments"][number] & { id: string };
  };

  const addRun = (
    experiment: { id: string; artifactLocation: string },
    source: ModelInputs,
    startDaysAgo: number,
    plan: {
      era: EraKey;
      version?: number;
      outcome: RunOutcome;
      steps: number;
      finalPrimary: number;
    },
  ) => {
    const { model } = source;
    const era = source.eras.get(plan.era) ?? (source.eras.get("candidate") as Era);
    const id = random.hex(32);
    const startTime = context.at(startDaysAgo, random.between(-2, 2));
    const isLong = plan.steps >= 10_000;
    const hours = isLong ? random.between(14, 20) : random.between(0.3, 5.5);
    const share =
      plan.outcome === "failed" || plan.outcome === "killed" ? random.between(0.2, 0.8) : 1;
    const endTime = plan.outcome === "running" ? null : addHours(startTime, hours * share);
    const commit =
      model.draftFlaw === "no_commit" && plan.version === VERSIONS.draft
        ? null
        : findCommitBefore(source.commits, startTime);
    const userName = plan.version ? "engineer" : random.pick(USERS);
    const name = `${random.pick(ADJECTIVES)}-${random.pick(ANIMALS)}-${random.int(100, 999)}`;
    const run = {
      id,
      experimentId: experiment.id,
      name,
      status: (
        {
          finished: "FINISHED",
          failed: "FAILED",
          diverged: "FAILED",
          killed: "KILLED",
          running: "RUNNING",
        } as const
      )[plan.outcome],
      startTime,
      endTime,
      userName,
      ownerId: userName === "engineer" ? people.engineer : null,
      commitId: commit ? commit.id : null,
      artifactUri: `${experiment.artifactLocation}/${id}/artifacts`,
      lifecycleStage: !plan.version && random.chance(0.01) ? "DELETED" : "ACTIVE",
      createdAt: startTime,
    } as const;
    rows.runs.push(run);
    const params = {
      ...model.hyperparams((items) => random.pick(items)),
      seed: String(random.int(1, 9999)),
      training_data: era.training.id,
    };
    for (const [key, value] of Object.entries(params)) rows.params.push({ runId: id, key, value });
    const tags: [string, string][] = [
      ["mlflow.user", userName],
      ["mlflow.runName", name],
      ["mlflow.source.name", isLong ? "train_ranker.py" : "train.py"],
      ["mlflow.source.type", plan.version ? "JOB" : "LOCAL"],
    ];
    if (commit) tags.push(["mlflow.source.git.commit", commit.sha]);
    for (const [key, value] of tags) rows.runTags.push({ runId: id, key, value });
    rows.runInputs.push(
      { runId: id, datasetVersionId: era.training.id, context: "TRAINING" },
      { runId: id, datasetVersionId: era.validation.id, context: "VALIDATION" },
    );
    const spikes = isLong ? random.int(2, 4) : random.chance(0.04) ? 1 : 0;
    const runPlan: RunPlan = {
      run,
      model,
      steps: plan.steps,
      // Evaluating is costly: long runs validate every 10 steps, runs past 150 steps every 5.
      validEvery: isLong ? 10 : plan.steps > 150 ? 5 : 1,
      finalPrimary: plan.finalPrimary,
      outcome: plan.outcome,
      spikes,
    };
    plans.push(runPlan);
    return runPlan;
  };

  const eraOf = (source: ModelInputs, daysAgo: number): EraKey => {
    let found: EraKey = "first";
    for (const era of source.eras.values()) {
      if (era.key !== "draft" && era.builtAt.getTime() < context.at(daysAgo, -3).getTime())
        found = era.key;
    }
    return found;
  };
  // A sweep's runs mostly fall short of the version trained in the same era.
  const sweepMetric = (model: ModelSpec, era: EraKey) => {
    const base = model.versionMetrics[ERA_VERSION[era] - 1] as number;
    const gap = Math.abs(random.gaussian(0, 0.012)) + 0.002;
    return Number(
      (model.primaryMetric.direction === "maximize" ? base - gap : base + gap).toFixed(4),
    );
  };
  const pickOutcome = (): RunOutcome =>
    random.weighted([
      ["finished", 0.9],
      ["failed", 0.06],
      ["killed", 0.04],
    ]);

  for (const source of inputs) {
    const { model } = source;
    const experiment = addExperiment(model.name, model, model.description);
    const versions = new Map<number, RunPlan>();
    for (let version = 1; version <= 6; version++) {
      const jitter = random.between(-0.0008, 0.0008);
      const finalPrimary = Number(
        ((model.versionMetrics[version - 1] as number) + jitter).toFixed(4),
      );
      const { daysAgo, era } = VERSION_RUNS[version - 1] as (typeof VERSION_RUNS)[number];
      versions.set(
        version,
        addRun(experiment, source, daysAgo, {
          era,
          version,
          outcome: "finished",
          steps: random.int(100, 400),
          finalPrimary,
        }),
      );
    }
    versionRuns.set(model.name, versions);
    const count = RUNS_PER_MODEL[model.name as keyof typeof RUNS_PER_MODEL] - 6;
    for (let i = 0; i < count; i++) {
      const daysAgo = 1.2 + random.next() * 207;
      const era = eraOf(source, daysAgo);
      const isLong = model.name === "ranking" && i < 3;
      const outcome = model.name === "ranking" && i >= count - 2 ? "running" : pickOutcome();
      addRun(experiment, source, outcome === "running" ? 0.3 : daysAgo, {
        era,
        outcome,
        steps: isLong ? 10_000 : random.int(50, 500),
        finalPrimary: sweepMetric(model, era),
      });
    }
  }
  for (const exploration of EXPLORATIONS) {
    const source = inputs.find((input) => input.model.name === exploration.model) as ModelInputs;
    const experiment = addExperiment(
      exploration.name,
      source.model,
      `Exploratory runs for ${source.model.name}.`,
    );
    for (let i = 0; i < exploration.runs; i++) {
      const daysAgo = 10 + random.next() * 150;
      const era = eraOf(source, daysAgo);
      const isLong = exploration.name === "ranking-loss-ablation" && i < 2;
      const outcome =
        exploration.name === "fraud-feature-exploration" && i === 0 ? "diverged" : pickOutcome();
      addRun(experiment, source, daysAgo, {
        era,
        outcome,
        steps: isLong ? 10_000 : random.int(50, 500),
        finalPrimary: sweepMetric(source.model, era),
      });
    }
  }
  for (const experiment of rows.experiments) {
    const starts = rows.runs
      .filter((run) => run.experimentId === experiment.id)
      .map((run) => (run.startTime as Date).getTime());
    experiment.updatedAt = new Date(Math.max(...starts));
  }
  return { rows, plans, versionRuns };
}
