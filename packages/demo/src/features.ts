import type { Random } from "./random.ts";

export type FeatureValue = number | string | null;

/** One input feature of a model and how its values are drawn. */
export interface FeatureSpec {
  name: string;
  type: "NUMERIC" | "CATEGORICAL";
  /** The column type shown in a dataset version's schema. */
  schemaType: "double" | "int" | "string";
  /** `drift` in [0, 1]: how far serving data has moved away from training data (0: not). */
  sample(random: Random, drift: number): FeatureValue;
}

type Weights = readonly (readonly [string, number])[];

const numeric = (
  name: string,
  schemaType: "double" | "int",
  sample: (random: Random, drift: number) => number | null,
): FeatureSpec => ({ name, type: "NUMERIC", schemaType, sample });

const categorical = (name: string, weights: (drift: number) => Weights): FeatureSpec => ({
  name,
  type: "CATEGORICAL",
  schemaType: "string",
  sample: (random, drift) => random.weighted(weights(drift)),
});

const fixed = (weights: Weights) => () => weights;
const round = (value: number, digits: number) => Number(value.toFixed(digits));
const missing = (random: Random, share: number) => random.chance(share);

export const FRAUD_FEATURES: FeatureSpec[] = [
  // Drifts: a new high-value merchant mix shifts log(amount) by ~0.7 sd.
  numeric("amount", "double", (r, d) => round(r.logNormal(3.6 + 0.75 * d, 1.0), 2)),
  numeric("hour_of_day", "int", (r) =>
    r.chance(0.8) ? Math.round(Math.min(23, Math.max(0, r.gaussian(14, 4)))) : r.int(0, 23),
  ),
  numeric("account_age_days", "int", (r) =>
    missing(r, 0.005) ? null : Math.round(r.exponential(700)),
  ),
  numeric("txn_count_24h", "int", (r) => r.poisson(3)),
  numeric("avg_amount_30d", "double", (r) => round(r.logNormal(3.5, 0.6), 2)),
  numeric("distance_from_home_km", "double", (r) => round(r.logNormal(2, 1.2), 1)),
  // A vendor outage: more missing scores in the last week, the same distribution otherwise.
  numeric("ip_risk_score", "double", (r, d) =>
    missing(r, 0.02 + 0.06 * d) ? null : round(1 / (1 + Math.exp(-r.gaussian(-1.5, 1))), 4),
  ),
  // Drifts: a category that training never saw.
  categorical("merchant_category", (d) => [
    ["grocery", 0.24],
    ["online_retail", 0.2],
    ["restaurants", 0.16],
    ["fuel", 0.12],
    ["electronics", 0.08],
    ["travel", 0.07],
    ["entertainment", 0.07],
    ["pharmacy", 0.06],
    ["crypto_exchange", 0.1 * d],
  ]),
  categorical(
    "country",
    fixed([
      ["US", 0.55],
      ["GB", 0.1],
      ["DE", 0.08],
      ["CA", 0.08],
      ["FR", 0.07],
      ["MX", 0.05],
      ["BR", 0.04],
      ["IN", 0.03],
    ]),
  ),
  categorical(
    "device_type",
    fixed([
      ["mobile", 0.58],
      ["desktop", 0.34],
      ["tablet", 0.08],
    ]),
  ),
  categorical(
    "card_present",
    fixed([
      ["false", 0.58],
      ["true", 0.42],
    ]),
  ),
  categorical(
    "email_domain",
    fixed([
      ["gmail.com", 0.38],
      ["corporate", 0.2],
      ["outlook.com", 0.14],
      ["yahoo.com", 0.12],
      ["icloud.com", 0.09],
      ["other", 0.07],
    ]),
  ),
];

export const CHURN_FEATURES: FeatureSpec[] = [
  numeric("tenure_months", "int", (r) => Math.min(72, Math.round(r.exponential(28)))),
  numeric("monthly_charges", "double", (r) => round(Math.max(15, r.gaussian(68, 22)), 2)),
  numeric("total_charges", "double", (r) =>
    missing(r, 0.01) ? null : round(r.logNormal(7, 0.9), 2),
  ),
  numeric("support_tickets_90d", "int", (r) => r.poisson(1.2)),
  numeric("sessions_30d", "int", (r) => Math.round(r.logNormal(2.6, 0.7))),
  numeric("days_since_last_login", "int", (r) => Math.round(r.exponential(6))),
  categorical(
    "contract_type",
    fixed([
      ["month_to_month", 0.52],
      ["one_year", 0.26],
      ["two_year", 0.22],
    ]),
  ),
  categorical(
    "payment_method",
    fixed([
      ["card", 0.4],
      ["bank_transfer", 0.25],
      ["paypal", 0.2],
      ["invoice", 0.15],
    ]),
  ),
  categorical(
    "plan",
    fixed([
      ["basic", 0.45],
      ["standard", 0.35],
      ["premium", 0.2],
    ]),
  ),
  categorical(
    "region",
    fixed([
      ["north", 0.22],
      ["south", 0.24],
      ["east", 0.2],
      ["west", 0.21],
      ["central", 0.13],
    ]),
  ),
  // A new app release rolls out: moderate drift at most, never significant.
  categorical("app_version", (d) => [
    ["5.1", 0.4],
    ["5.0", 0.35],
    ["4.9", 0.2],
    ["4.8", 0.05],
    ["5.2", 0.02 * d],
  ]),
];

export const RANKING_FEATURES: FeatureSpec[] = [
  numeric("query_length", "int", (r) => 1 + r.poisson(2.4)),
  numeric("num_results", "int", (r) => Math.round(r.logNormal(5, 1.1))),
  numeric("position", "int", (r) => Math.min(50, 1 + Math.floor(r.exponential(6)))),
  numeric("ctr_7d", "double", (r) => round(1 / (1 + Math.exp(-r.gaussian(-2.8, 0.8))), 4)),
  numeric("dwell_time_s", "double", (r) =>
    missing(r, 0.03) ? null : round(r.logNormal(3.2, 0.9), 1),
  ),
  // Drifts: a catalogue refresh with pricier items, about +0.75 sd on the log scale.
  numeric("item_price", "double", (r, d) => round(r.logNormal(3 + 0.6 * d, 0.8), 2)),
  numeric("freshness_hours", "double", (r) => round(r.exponential(72), 1)),
  categorical(
    "item_category",
    fixed([
      ["books", 0.18],
      ["electronics", 0.17],
      ["home", 0.15],
      ["fashion", 0.14],
      ["sports", 0.1],
      ["toys", 0.09],
      ["beauty", 0.09],
      ["garden", 0.08],
    ]),
  ),
  categorical(
    "user_segment",
    fixed([
      ["returning", 0.46],
      ["new", 0.24],
      ["loyal", 0.2],
      ["dormant", 0.1],
    ]),
  ),
  categorical(
    "device",
    fixed([
      ["android", 0.41],
      ["ios", 0.37],
      ["web", 0.22],
    ]),
  ),
  categorical(
    "locale",
    fixed([
      ["en-US", 0.42],
      ["en-GB", 0.12],
      ["de-DE", 0.12],
      ["fr-FR", 0.1],
      ["es-ES", 0.09],
      ["pt-BR", 0.08],
      ["ja-JP", 0.07],
    ]),
  ),
];

/** Draws `rows` values of every feature, column by column. */
export function sampleColumns(
  features: readonly FeatureSpec[],
  random: Random,
  rows: number,
  drift: number,
): Map<string, FeatureValue[]> {
  const columns = new Map<string, FeatureValue[]>();
  for (const feature of features) {
    const stream = random.fork(feature.name);
    columns.set(
      feature.name,
      Array.from({ length: rows }, () => feature.sample(stream, drift)),
    );
  }
  return columns;
}
