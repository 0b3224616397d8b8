// The definitions behind every number on the drift page, in the product itself (the same text
// as docs/DRIFT.md, shortened). Kept beside the charts so nobody has to guess the convention.

export function DriftDefinitions() {
  return (
    <details className="card" id="definitions">
      <summary>
        <strong>How drift is computed here</strong> (binning, epsilon, PSI, KL, JS, severity, small
        samples)
      </summary>
      <ul>
        <li>
          <strong>Reference</strong>: the profile of the version's training dataset version (the
          baseline). <strong>Current</strong>: a serving window of the deployment.
        </li>
        <li>
          <strong>Missing values</strong> (null, NaN, ±Infinity) are removed before binning and
          counted apart; the missing-share change is shown beside PSI.
        </li>
        <li>
          <strong>Numeric bins</strong>: 10, the inner edges are the training data's deciles
          q(0.1)…q(0.9) by linear interpolation (numpy's default, R type 7), outer bins open,
          intervals left-closed [low, high). Tied edges leave empty bins, which add exactly 0.
          Windows are always binned on the training edges.
        </li>
        <li>
          <strong>Categorical bins</strong>: one per category of either side; at most 1,000 per
          profile, the rarest folded into <code>__other__</code>.
        </li>
        <li>
          <strong>Epsilon</strong>: a share of exactly 0 becomes 0.0001 (both sides, not
          renormalised) for PSI and KL.
        </li>
        <li>
          <strong>PSI</strong> = Σ (q − p) · ln(q / p). <strong>KL(q‖p)</strong> = Σ q ln(q/p) on
          the epsilon-filled shares renormalised (KL(p‖q) in the API). <strong>JS distance</strong>{" "}
          = √ of the Jensen-Shannon divergence in log base 2 (0…1), on the raw shares.
        </li>
        <li>
          <strong>Severity</strong>: PSI &lt; 0.1 none; 0.1 ≤ PSI ≤ 0.2 moderate; PSI &gt; 0.2
          significant. Dataset drift: the share of significant features.
        </li>
        <li>
          <strong>Small samples</strong>: PSI is biased upward on small samples (two samples of 50
          rows from one distribution give a median PSI near 0.35). A window with fewer than 500 rows
          is greyed as "too few rows" and never fires a retraining trigger.
        </li>
      </ul>
    </details>
  );
}
