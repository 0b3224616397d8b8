import "server-only";
import { getEnv } from "../env.ts";

// One JSON object per line on stdout/stderr, so that any log collector can parse it.
const LEVELS = ["debug", "info", "warn", "error"] as const;
type Level = (typeof LEVELS)[number];
type Fields = Record<string, unknown>;

function describeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return { name: error.name, message: error.message, stack: error.stack, cause: error.cause };
}

// The logger must work when the environment is invalid: that is one of the things it reports.
function readThreshold(): Level {
  try {
    return getEnv().PEDIGREE_LOG_LEVEL;
  } catch {
    return "info";
  }
}

function write(level: Level, message: string, fields: Fields): void {
  if (LEVELS.indexOf(level) < LEVELS.indexOf(readThreshold())) return;
  const entries = Object.entries(fields).map(([key, value]) => [
    key,
    key === "error" ? describeError(value) : value,
  ]);
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    message,
    ...Object.fromEntries(entries),
  });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const logger = {
  debug: (message: string, fields: Fields = {}) => write("debug", message, fields),
  info: (message: string, fields: Fields = {}) => write("info", message, fields),
  warn: (message: string, fields: Fields = {}) => write("warn", message, fields),
  error: (message: string, fields: Fields = {}) => write("error", message, fields),
};
