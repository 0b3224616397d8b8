import Link from "next/link";
import type { SkewView } from "../service-skew.ts";
import { SEVERITY_COLOURS } from "../types.ts";
import { driftHref } from "./drift-url.ts";

interface SkewCardProps {
  /** The model's drift page. */
  base: string;
  skews: SkewView[];
}

/** Flags training-serving skew on the model page: significant drift in a first serving window. */
export function SkewCard({ base, skews }: SkewCardProps) {
  if (skews.length === 0) return null;
  return (
    <section className="card" aria-labelledby="skew-heading">
      <h2 id="skew-heading">Training-serving skew</h2>
      <p className="cell-note">
        The first serving window of each live deployment compared with the training baseline.
      </p>
      <ul>
        {skews.map((skew) => {
          const href = driftHref(base, {
            deployment: skew.deploymentId,
            window: skew.windowStart,
            feature: skew.skewed[0]?.feature ?? null,
          });
          const where = `${skew.service} · ${skew.environment} · v${skew.version}, window of ${skew.windowStart.slice(0, 10)}`;
          return (
            <li key={skew.deploymentId}>
              {skew.skewed.length > 0 ? (
                <span style={{ color: SEVERITY_COLOURS.SIGNIFICANT, fontWeight: 600 }}>
                  Skew:{" "}
                  {skew.skewed
                    .map((row) => `${row.feature} (PSI ${row.psi.toFixed(2)})`)
                    .join(", ")}
                </span>
              ) : (
                <span style={{ color: SEVERITY_COLOURS.NONE, fontWeight: 600 }}>No skew</span>
              )}{" "}
              — <Link href={href}>{where}</Link>
              {skew.isTooFewRows ? (
                <span className="cell-note"> (too few rows to trust)</span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
