// One figure of the benchmark beside its target; RESULTS.md and results.json are lists of these.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The issue's target, as text ("<= 20"); null: reported without a target. */
  target: string | null;
  met: boolean | null;
  /** Why there is no real value (a request that failed), when so. */
  note?: string;
}

/** A request that could not be measured: recorded, so the table says so instead of a number. */
export function failure(name: string, unit: string, note: string, atMost?: number): Figure {
  return {
    name,
    value: 0,
    unit,
    target: atMost === undefined ? null : `<= ${atMost}`,
    met: false,
    note,
  };
}

/** A figure with a "<=" or ">=" target; `met` is decided here. */
export function figure(
  name: string,
  value: number,
  unit: string,
  target?: { atMost?: number; atLeast?: number },
): Figure {
  const rounded = Number(value.toFixed(value >= 100 ? 0 : 2));
  if (target?.atMost !== undefined)
    return {
      name,
      value: rounded,
      unit,
      target: `<= ${target.atMost}`,
      met: value <= target.atMost,
    };
  if (target?.atLeast !== undefined)
    return {
      name,
      value: rounded,
      unit,
      target: `>= ${target.atLeast}`,
      met: value >= target.atLeast,
    };
  return { name, value: rounded, unit, target: null, met: null };
}

/** bench/.scale (git-ignored): each command's figures, for `pnpm bench all` to gather. */
export const SCALE_DIR = path.join(import.meta.dirname, "..", "..", ".scale");

export function saveFigures(part: string, figures: Figure[]): string {
  mkdirSync(SCALE_DIR, { recursive: true });
  const file = path.join(SCALE_DIR, `${part}.json`);
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}

export function loadFigures(part: string): Figure[] {
  return JSON.parse(readFileSync(path.join(SCALE_DIR, `${part}.json`), "utf8")) as Figure[];
}

export function printFigures(figures: readonly Figure[]): void {
  for (const f of figures) {
    const verdict = f.note
      ? `  FAILED: ${f.note}`
      : f.met === null
        ? ""
        : f.met
          ? "  met"
          : "  NOT met";
    console.log(
      `  ${f.name}: ${f.value} ${f.unit}${f.target ? ` (target ${f.target})` : ""}${verdict}`,
    );
  }
}
