// `pedigree profile build` and `pedigree profile push`: the pipelines' side of drift monitoring.
import { readFile, writeFile } from "node:fs/promises";
import { resolveServer } from "../env.ts";
import { buildProfiles, parseProfileDocument } from "../profiles/build-profiles.ts";
import { createProgress, type Progress } from "../profiles/progress.ts";
import { type PushTarget, postJson, toRequest } from "../profiles/push-profiles.ts";
import { readScanBytes } from "../profiles/scan-file.ts";

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

export interface BuildCommand {
  input: string;
  features: string;
  categorical?: string | undefined;
  label?: string | undefined;
  baseline?: string | undefined;
  reference: boolean;
  out: string;
  quiet: boolean;
}

export async function build(command: BuildCommand): Promise<void> {
  if (command.baseline && command.reference) {
    throw new Error("--baseline (a window) and --reference (a baseline) exclude each other");
  }
  if (!command.baseline && !command.reference) {
    throw new Error("say --reference to profile training data, or --baseline <file> for a window");
  }
  const features = list(command.features);
  // The label is profiled like any feature, so that label drift shows up beside feature drift.
  if (command.label && !features.includes(command.label)) features.push(command.label);
  const baseline = command.baseline
    ? parseProfileDocument(await readFile(command.baseline, "utf8"), command.baseline)
    : undefined;
  const totalBytes = await readScanBytes(command.input, features);
  // One bar per pass over the file; a pass's bar is closed when the next one starts.
  let current: { pass: number; bar: Progress; rows: number } | null = null;
  const started = performance.now();
  const document = await buildProfiles({
    input: command.input,
    features,
    categorical: list(command.categorical),
    baseline,
    onProgress: command.quiet
      ? undefined
      : (pass, rows, bytes) => {
          if (current?.pass !== pass) {
            current?.bar.finish(current.rows);
            current = { pass, bar: createProgress(`pass ${pass}`, totalBytes), rows };
          }
          current.rows = rows;
          current.bar.update(rows, bytes);
        },
  });
  const finished = current as { pass: number; bar: Progress; rows: number } | null;
  finished?.bar.finish(finished.rows);
  const last = finished?.pass ?? 0;
  await writeFile(command.out, `${JSON.stringify(document, null, 2)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `${document.kind} profile of ${document.features.length} features over ${document.rows.toLocaleString("en-US")} rows (${last} passes, ${seconds} s) -> ${command.out}\n`,
  );
}

export interface PushCommand {
  profile: string;
  datasetVersion?: string | undefined;
  deployment?: string | undefined;
  windowStart?: string | undefined;
  windowEnd?: string | undefined;
  metric: string[];
  metrics?: string | undefined;
}

async function readMetrics(command: PushCommand): Promise<Record<string, number> | undefined> {
  const metrics: Record<string, number> = command.metrics
    ? (JSON.parse(await readFile(command.metrics, "utf8")) as Record<string, number>)
    : {};
  for (const pair of command.metric) {
    const [key, value] = pair.split("=");
    if (!key || value === undefined || !Number.isFinite(Number(value))) {
      throw new Error(`--metric takes key=number, not ${pair}`);
    }
    metrics[key] = Number(value);
  }
  return Object.keys(metrics).length > 0 ? metrics : undefined;
}

export async function push(command: PushCommand): Promise<void> {
  const document = parseProfileDocument(await readFile(command.profile, "utf8"), command.profile);
  let target: PushTarget;
  if (command.datasetVersion) {
    target = { kind: "baseline", datasetVersionId: command.datasetVersion };
  } else if (command.deployment && command.windowStart && command.windowEnd) {
    const metrics = await readMetrics(command);
    target = {
      kind: "window",
      deploymentId: command.deployment,
      windowStart: new Date(command.windowStart).toISOString(),
      windowEnd: new Date(command.windowEnd).toISOString(),
      ...(metrics ? { metrics } : {}),
    };
  } else {
    throw new Error(
      "say --dataset-version <id> for a baseline, or --deployment <id> --window-start <ISO> --window-end <ISO> for a window",
    );
  }
  const { path, body } = toRequest(document, target);
  const answer = await postJson(resolveServer(), path, body);
  process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
}
