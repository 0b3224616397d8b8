// The server's memory: the resident set (VmRSS) of the process listening on the server's port
// (next start's `next-server`), and of its whole process group (flock, next, next-server).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** The pid that listens on `port` (from `ss`; only our own processes are visible with pids). */
export function findListener(port: number): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process of ours listens on port ${port}`);
  return Number(pid);
}

function readRssKiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kib === undefined ? null : Number(kib);
  } catch {
    return null; // the process ended
  }
}

function readProcessGroup(pid: number): number | null {
  try {
    // After "(comm)", the fields are: state, ppid, pgrp.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
  } catch {
    return null;
  }
}

export function describeProcess(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
}

export interface RssSample {
  atSecond: number;
  serverMiB: number | null;
  groupMiB: number;
  /** The V8 heap in use after a full collection (taken after the RSS), when measured. */
  heapAfterGcMiB?: number;
}

export function sampleRss(pid: number, atSecond: number): RssSample {
  const group = readProcessGroup(pid);
  let groupKiB = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    if (group !== null && readProcessGroup(Number(entry)) === group)
      groupKiB += readRssKiB(Number(entry)) ?? 0;
  }
  const server = readRssKiB(pid);
  const mib = (kib: number) => Number((kib / 1024).toFixed(1));
  return {
    atSecond: Math.round(atSecond),
    serverMiB: server === null ? null : mib(server),
    groupMiB: mib(groupKiB),
  };
}
