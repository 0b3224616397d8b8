// bench/soak.json (every figure) and bench/soak-results.md (the same as tables). A file of its
// own: `pnpm bench all` rewrites bench/RESULTS.md whole, which links here.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { ClosedResult } from "./closed.ts";
import type { KindMinute, PacedResult } from "./paced.ts";
import type { RssSample } from "./rss.ts";

export interface SoakReport {
  startedAt: string;
  commit: string;
  machine: string;
  loadAverage: { start: number[]; end: number[] };
  dataSet: string;
  server: string;
  probe: ClosedResult & { seconds: number; workers: number };
  soak: {
    seconds: number;
    fraction: number;
    rates: Record<string, number>;
    totalPerSecond: number;
    result: PacedResult;
  };
  rss: RssSample[];
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);
const ms = (n: number | null) => (n === null ? "–" : fixed(n));
const loads = (l: number[]) => l.map((n) => fixed(n, 2)).join(" / ");

function kindRow(label: string, k: KindMinute): string {
  return `| ${label} | ${k.requests} | ${k.errors} | ${ms(k.p50)} | ${ms(k.p95)} | ${ms(k.p99)} |`;
}

export function writeSoakReport(benchDir: string, report: SoakReport): void {
  writeFileSync(path.join(benchDir, "soak.json"), `${JSON.stringify(report, null, 2)}\n`);
  const { probe, soak, rss } = report;
  const { minutes, overall, errors } = soak.result;
  const totalErrors = minutes.reduce((sum, m) => sum + m.errors, 0);
  const totalRequests = minutes.reduce((sum, m) => sum + m.requests, 0);
  const first = rss.find((s) => s.atSecond >= 0);
  const last = rss.at(-1);
  const rssAt = (s: RssSample | undefined) =>
    s
      ? `${s.serverMiB ?? "–"} MiB (process group ${s.groupMiB} MiB; heap after GC ${s.heapAfterGcMiB ?? "–"} MiB)`
      : "–";
  const kinds = Object.keys(overall);
  const lines = [
    "# Soak (issue 8)",
    "",
    `Written by \`pnpm bench soak\` (bench/src/soak/soak.ts) on ${report.startedAt.slice(0, 16)} UTC.`,
    "Do not edit by hand: run it again.",
    "",
    `- **Commit:** ${report.commit}`,
    `- **Machine:** ${report.machine}`,
    `- **Load average (1/5/15 min):** ${loads(report.loadAverage.start)} at the start, ${loads(report.loadAverage.end)} at the end (the machine is shared)`,
    `- **Data set:** ${report.dataSet}`,
    `- **Server:** ${report.server}`,
    "",
    "## Result",
    "",
    `- **Errors:** ${totalErrors} of ${totalRequests.toLocaleString("en-US")} requests (non-2xx, socket errors, 30 s timeouts)`,
    `- **Server RSS:** ${rssAt(first)} at the start of the soak, ${rssAt(last)} at the end`,
    `- **Rate:** ${fixed(soak.totalPerSecond)} req/s for ${soak.seconds} s, ${Math.round(soak.fraction * 100)}% of the measured maximum ${fixed(probe.requestsPerSecond)} req/s`,
    "",
    ...(totalErrors > 0
      ? [
          "Errors by kind and answer:",
          "",
          ...Object.entries(errors).map(([what, count]) => `- ${count} × ${what}`),
          "",
        ]
      : []),
    "## The maximum mixed load",
    "",
    `${probe.workers} closed loops for ${probe.seconds} s (each sends its next request when the last one answered), each going round the kinds in turn: one request of each kind a round.`,
    "",
    "| kind | requests | errors | p50 ms | p95 ms | p99 ms |",
    "| --- | --- | --- | --- | --- | --- |",
    ...Object.entries(probe.kinds).map(([kind, k]) => kindRow(kind, k)),
    "",
    `**Maximum: ${fixed(probe.requestsPerSecond)} req/s** (2xx answers inside the window).`,
    "",
    "## The soak, minute by minute",
    "",
    `Open loop: each kind's requests leave on a fixed schedule at ${Math.round(soak.fraction * 100)}% of the maximum, in the same proportions (${kinds.map((k) => `${k} ${fixed(soak.rates[k] ?? 0, 2)}/s`).join(", ")}), whether or not earlier ones have answered.`,
    "A request counts in the minute it was scheduled in; latency is from send to last byte. The send lag is how late",
    "the client itself sent (a loaded machine delays timers).",
    "",
    "| minute | requests | errors | max send lag ms |",
    "| --- | --- | --- | --- |",
    ...minutes.map(
      (m) => `| ${m.minute} | ${m.requests} | ${m.errors} | ${fixed(m.maxSendLagMs)} |`,
    ),
    "",
    "### Server memory",
    "",
    "VmRSS of the `next-server` process and of its process group (flock, next-server); then the V8 heap in use",
    "after a full garbage collection that the harness asks for over the inspector (what grows if something leaks).",
    "",
    "| at | server RSS MiB | group RSS MiB | heap after GC MiB |",
    "| --- | --- | --- | --- |",
    ...rss.map(
      (s) =>
        `| ${s.atSecond < 0 ? "before the maximum run" : `${s.atSecond} s into the soak`} | ${s.serverMiB ?? "–"} | ${s.groupMiB} | ${s.heapAfterGcMiB ?? "–"} |`,
    ),
    "",
    ...kinds.flatMap((kind) => [
      `### ${kind}`,
      "",
      "| minute | requests | errors | p50 ms | p95 ms | p99 ms |",
      "| --- | --- | --- | --- | --- | --- |",
      ...minutes.map((m) => kindRow(String(m.minute), m.kinds[kind] as KindMinute)),
      kindRow("**all**", overall[kind] as KindMinute),
      "",
    ]),
  ];
  writeFileSync(path.join(benchDir, "soak-results.md"), `${lines.join("\n")}`);
}
