/**
 * The steps MLflow's get-history-bulk-interval returns (mlflow-rest.md §8.3): all distinct steps
 * when there are at most `maxResults`, else `maxResults` evenly spaced ones plus the steps that
 * must stay (each run's first and last). Sorted ascending, no duplicates.
 */
export function sampleSteps(
  allSteps: readonly number[],
  keptSteps: readonly number[],
  maxResults: number,
): number[] {
  const distinct = [...new Set(allSteps)].sort((a, b) => a - b);
  if (distinct.length <= maxResults) return distinct;
  const chosen = new Set(keptSteps);
  const stride = distinct.length / maxResults;
  for (let i = 0; i < maxResults; i += 1) {
    const step = distinct[Math.floor(i * stride)];
    if (step !== undefined) chosen.add(step);
  }
  const last = distinct[distinct.length - 1];
  if (last !== undefined) chosen.add(last);
  return [...chosen].sort((a, b) => a - b);
}
