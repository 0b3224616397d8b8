import { CHURN_FEATURES, type FeatureSpec, FRAUD_FEATURES, RANKING_FEATURES } from "./features.ts";

/** Version numbers by role in the story every model tells (see generate-registry.ts). */
export const VERSIONS = {
  /** First production version; restored by the rollback; archived when v3 went out. */
  first: 1,
  /** Promoted, then rolled back. */
  rolledBack: 2,
  production: 3,
  /** Passes every gate against production. */
  candidate: 4,
  /** Trained on the candidate's data with other hyperparameters: fails the evaluation gate. */
  weakCandidate: 5,
  /** Still in development (stage NONE). */
  draft: 6,
} as const;

export interface ModelSpec {
  name: string;
  /** Short name in URIs and dataset names. */
  slug: string;
  description: string;
  team: string;
  repo: string;
  service: string;
  features: FeatureSpec[];
  /** The quality metric logged beside the losses, and the secondary one. */
  metricKeys: [string, string];
  primaryMetric: { key: string; direction: "maximize" | "minimize" };
  /** The primary metric of versions 1-6, as their runs end. */
  versionMetrics: [number, number, number, number, number, number];
  /** Whether serving data drifts in the last week (a few features past PSI 0.2). */
  isDrifting: boolean;
  /** How the draft version fails a gate: no commit (lineage) or a failed quality check. */
  draftFlaw: "no_commit" | "failed_quality" | null;
  hyperparams: (pick: <T>(items: readonly T[]) => T) => Record<string, string>;
}

export const MODELS: ModelSpec[] = [
  {
    name: "fraud-detection",
    slug: "fraud",
    description: "Scores card transactions for fraud in real time (gradient-boosted trees).",
    team: "risk-ml",
    repo: "github.com/acme/fraud-models",
    service: "fraud-scoring-api",
    features: FRAUD_FEATURES,
    metricKeys: ["val_auc", "f1"],
    primaryMetric: { key: "val_auc", direction: "maximize" },
    // v4 beats v3 by 2.1%; v5 by 0.3% only.
    versionMetrics: [0.884, 0.897, 0.912, 0.931, 0.915, 0.902],
    isDrifting: true,
    draftFlaw: "no_commit",
    hyperparams: (pick) => ({
      model_type: "lightgbm",
      learning_rate: pick(["0.01", "0.03", "0.05", "0.1"]),
      num_leaves: pick(["31", "63", "127"]),
      max_depth: pick(["6", "8", "10", "-1"]),
      n_estimators: pick(["300", "500", "800", "1200"]),
      scale_pos_weight: pick(["10", "25", "50"]),
    }),
  },
  {
    name: "churn",
    slug: "churn",
    description: "Predicts which subscribers cancel within 30 days (logistic regression + GBM).",
    team: "growth-ml",
    repo: "github.com/acme/churn",
    service: "churn-predictor",
    features: CHURN_FEATURES,
    metricKeys: ["val_accuracy", "f1"],
    // A loss: lower is better. v4 is 3.8% lower than v3; v5 is higher.
    primaryMetric: { key: "val_loss", direction: "minimize" },
    versionMetrics: [0.468, 0.441, 0.425, 0.409, 0.428, 0.431],
    isDrifting: false,
    draftFlaw: "failed_quality",
    hyperparams: (pick) => ({
      model_type: pick(["xgboost", "logistic_regression"]),
      learning_rate: pick(["0.05", "0.1", "0.2"]),
      max_depth: pick(["4", "6", "8"]),
      l2_reg: pick(["0.0", "0.1", "1.0"]),
      epochs: pick(["50", "100", "200"]),
    }),
  },
  {
    name: "ranking",
    slug: "ranking",
    description: "Ranks search results for the storefront (two-tower retrieval + LambdaMART).",
    team: "search-ml",
    repo: "github.com/acme/ranking",
    service: "ranking-service",
    features: RANKING_FEATURES,
    metricKeys: ["val_ndcg", "val_map"],
    // v4 beats v3 by 2.4%; v5 by 0.6%.
    primaryMetric: { key: "val_ndcg", direction: "maximize" },
    versionMetrics: [0.612, 0.641, 0.655, 0.671, 0.659, 0.648],
    isDrifting: true,
    draftFlaw: null,
    hyperparams: (pick) => ({
      model_type: pick(["lambdamart", "two_tower"]),
      learning_rate: pick(["0.0003", "0.001", "0.003"]),
      batch_size: pick(["256", "512", "1024"]),
      embedding_dim: pick(["64", "128", "256"]),
      loss: pick(["lambda_rank", "softmax_ce", "pairwise_hinge"]),
    }),
  },
];

/** Exploratory experiments: no model versions come from them. */
export const EXPLORATIONS = [
  { name: "fraud-feature-exploration", model: "fraud-detection", runs: 40 },
  { name: "ranking-loss-ablation", model: "ranking", runs: 40 },
] as const;

/** Runs per model experiment (versions' runs included). */
export const RUNS_PER_MODEL = { "fraud-detection": 80, churn: 70, ranking: 70 } as const;

/** Days of serving windows per production deployment, and the drifted tail of them. */
export const WINDOW_DAYS = 30;
export const DRIFT_DAYS = 7;

/** How far serving data has drifted `daysAgo` days before the anchor (1: the last full day). */
export function findDriftLevel(model: ModelSpec, daysAgo: number): number {
  if (daysAgo > DRIFT_DAYS) return 0;
  if (model.isDrifting) return daysAgo === 7 ? 0.8 : daysAgo === 6 ? 0.9 : 1;
  // churn: the new app release rolls out over the week (moderate at most).
  return model.name === "churn" ? Math.min(1, (8 - daysAgo) / 4) : 0;
}
