// `pedigree profile build`: feature profiles of a file, in the shape POST /api/v1/profiles/*
// takes. A reference (training) profile finds its exact decile edges and bin counts in a few
// passes over the file (ReferenceAccumulator; usually two); a window profile is binned on its
// baseline's edges in one pass.
import {
  CategoricalAccumulator,
  type FeatureProfile,
  NumericAccumulator,
  type ProfileJson,
  type Quantiles,
  ReferenceAccumulator,
  readProfileJson,
} from "@pedigree/domain";
import { type ColumnSink, scanFile } from "./scan-file.ts";

export interface ProfileDocument {
  kind: "baseline" | "window";
  source: string;
  rows: number;
  features: ProfileJson[];
}

export interface BuildOptions {
  input: string;
  features: readonly string[];
  categorical: readonly string[];
  /** A baseline document: build a window on its bins. Without it, build a reference. */
  baseline?: ProfileDocument;
  /** Called as each pass reads the file (pass counts from 1). */
  onProgress?: (pass: number, rows: number, bytes: number) => void;
}

function toNumber(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  // A string in a numeric column of JSON lines is missing, as in POST /api/v1/drift/compare.
  return null;
}

function toCategory(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  return null;
}

function toJson(feature: string, profile: FeatureProfile): ProfileJson {
  const common = {
    feature,
    counts: profile.counts,
    missingCount: profile.missingCount,
    totalCount: profile.totalCount,
    stats: profile.stats,
  };
  return profile.type === "NUMERIC"
    ? { type: "numeric", edges: profile.edges, ...common }
    : { type: "categorical", categories: profile.categories, ...common };
}

function feedNumbers(values: ArrayLike<unknown>, add: (value: number | null) => void): void {
  if (
    values instanceof Float64Array ||
    values instanceof Float32Array ||
    values instanceof Int32Array
  ) {
    for (let i = 0; i < values.length; i++) add(values[i] as number);
    return;
  }
  for (let i = 0; i < values.length; i++) add(toNumber(values[i]));
}

type Accumulator = NumericAccumulator | CategoricalAccumulator;

/** One pass that feeds every feature's accumulator. */
async function accumulate(
  options: BuildOptions,
  pass: number,
  accumulators: Map<string, Accumulator>,
): Promise<number> {
  const numeric = new Set(options.features.filter((f) => !options.categorical.includes(f)));
  const sink: ColumnSink = (column, values) => {
    const accumulator = accumulators.get(column);
    if (accumulator instanceof NumericAccumulator) {
      feedNumbers(values, (value) => accumulator.add(value));
    } else if (accumulator) {
      for (let i = 0; i < values.length; i++) accumulator.add(toCategory(values[i]));
    }
  };
  return scanFile(
    options.input,
    {
      columns: options.features,
      numeric,
      onProgress: (rows, bytes) => options.onProgress?.(pass, rows, bytes),
    },
    sink,
  );
}

function checkFeatures(options: BuildOptions): void {
  if (options.features.length === 0) throw new Error("--features names no feature");
  const unknown = options.categorical.find((feature) => !options.features.includes(feature));
  if (unknown) throw new Error(`--categorical names ${unknown}, which is not in --features`);
}

/** A window: every feature binned on the baseline's edges or categories, in one pass. */
async function buildWindow(
  options: BuildOptions,
  baseline: ProfileDocument,
): Promise<ProfileDocument> {
  const byFeature = new Map(baseline.features.map((profile) => [profile.feature, profile]));
  const accumulators = new Map<string, Accumulator>();
  for (const feature of options.features) {
    const reference = byFeature.get(feature);
    if (!reference) throw new Error(`the baseline has no profile of ${feature}`);
    const isCategorical = options.categorical.includes(feature);
    if (isCategorical !== (reference.type === "categorical")) {
      throw new Error(`${feature} is ${reference.type} in the baseline`);
    }
    accumulators.set(
      feature,
      reference.type === "numeric"
        ? new NumericAccumulator(reference.edges)
        : new CategoricalAccumulator(readProfileJson(reference)),
    );
  }
  const rows = await accumulate(options, 1, accumulators);
  return {
    kind: "window",
    source: options.input,
    rows,
    features: options.features.map((feature) =>
      toJson(feature, (accumulators.get(feature) as Accumulator).toProfile()),
    ),
  };
}

/**
 * A reference: categorical counts, the numeric features' missing counts and summary statistics,
 * and the first quantile selection pass share the first pass; selection passes go on until every
 * numeric feature's deciles are exact (usually one more), and the bin counts follow from the
 * selection. Only a feature whose counts do not (an edge outside what the selection kept, rare)
 * is binned in one more pass.
 */
async function buildReference(options: BuildOptions): Promise<ProfileDocument> {
  const numeric = options.features.filter((feature) => !options.categorical.includes(feature));
  const categorical = new Map<string, CategoricalAccumulator>(
    options.categorical.map((feature) => [feature, new CategoricalAccumulator()]),
  );
  const selections = new Map(numeric.map((feature) => [feature, new ReferenceAccumulator()]));
  let pass = 0;
  let rows = 0;
  while (pass === 0 || [...selections.values()].some((selection) => !selection.isDone)) {
    pass++;
    const active = [...selections].filter(([, selection]) => !selection.isDone);
    const sink: ColumnSink = (column, values) => {
      const selection = selections.get(column);
      if (selection && !selection.isDone) {
        const isNumbers =
          values instanceof Float64Array ||
          values instanceof Float32Array ||
          values instanceof Int32Array;
        selection.addAll(isNumbers ? values : Array.from(values, toNumber));
        return;
      }
      const accumulator = categorical.get(column);
      if (accumulator)
        for (let i = 0; i < values.length; i++) accumulator.add(toCategory(values[i]));
    };
    const columns = pass === 1 ? options.features : active.map(([feature]) => feature);
    rows = await scanFile(
      options.input,
      {
        columns,
        numeric: new Set(numeric),
        onProgress: (read, bytes) => options.onProgress?.(pass, read, bytes),
      },
      sink,
    );
    for (const [, selection] of active) selection.endPass();
  }
  const profiles = new Map<string, FeatureProfile>();
  for (const [feature, accumulator] of categorical) profiles.set(feature, accumulator.toProfile());
  const binning = new Map<string, Accumulator>();
  const quantiles = new Map<string, Quantiles | undefined>();
  for (const [feature, selection] of selections) {
    const profile = selection.toProfile();
    if (profile) {
      profiles.set(feature, profile);
      continue;
    }
    const split = selection.selectQuantiles();
    quantiles.set(feature, split.quantiles);
    binning.set(feature, new NumericAccumulator(split.edges));
  }
  if (binning.size > 0) {
    pass++;
    const features = [...binning.keys()];
    await accumulate({ ...options, features, categorical: [] }, pass, binning);
    for (const [feature, accumulator] of binning) {
      profiles.set(feature, (accumulator as NumericAccumulator).toProfile(quantiles.get(feature)));
    }
  }
  return {
    kind: "baseline",
    source: options.input,
    rows,
    features: options.features.map((feature) =>
      toJson(feature, profiles.get(feature) as FeatureProfile),
    ),
  };
}

export async function buildProfiles(options: BuildOptions): Promise<ProfileDocument> {
  checkFeatures(options);
  return options.baseline ? buildWindow(options, options.baseline) : buildReference(options);
}

/** Reads a profile document (the output of `profile build`), checking its outline. */
export function parseProfileDocument(text: string, path: string): ProfileDocument {
  const document = JSON.parse(text) as Partial<ProfileDocument>;
  if (!Array.isArray(document.features))
    throw new Error(`${path}: not a profile document (no features)`);
  return {
    kind: document.kind === "window" ? "window" : "baseline",
    source: String(document.source ?? path),
    rows: Number(document.rows ?? 0),
    features: document.features,
  };
}
