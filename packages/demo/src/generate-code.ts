import type { DemoContext } from "./demo-context.ts";
import type { DemoData } from "./demo-data.ts";

export const FEATURE_REPO = "github.com/acme/feature-pipelines";

const MESSAGES = [
  "Add rolling 30-day aggregates",
  "Fix timezone handling in partition reader",
  "Tune early stopping patience",
  "Bump lightgbm to 4.5",
  "Log validation metrics every epoch",
  "Drop leaky feature from training set",
  "Add class weights for imbalanced labels",
  "Refactor feature store client",
  "Pin numpy for reproducible builds",
  "Add data quality checks before training",
  "Cache embeddings between epochs",
  "Handle missing device type",
  "Speed up negative sampling",
  "Document retraining runbook",
  "Increase holdout to 10%",
];
const AUTHORS = ["Eli Engineer", "Dana Kim", "Marcus Osei", "Lena Fischer", "Sam Rivera"];

export type Commit = DemoData["codeCommits"][number];

/** Commits of one repository, oldest first, spread over `days` days before the anchor. */
export function generateCommits(context: DemoContext, repo: string, count: number): Commit[] {
  const random = context.random.fork(`commits:${repo}`);
  const commits: Commit[] = [];
  for (let i = 0; i < count; i++) {
    // Evenly spread with jitter, so that every era of the story has a commit before it.
    const daysAgo = 250 - (i + random.next()) * (248 / count);
    commits.push({
      id: random.id(),
      repo,
      sha: random.hex(40),
      message: random.pick(MESSAGES),
      author: random.pick(AUTHORS),
      committedAt: context.at(daysAgo),
    });
  }
  return commits;
}

/** The last commit made before `at`; the first one if none was. */
export function findCommitBefore(commits: readonly Commit[], at: Date): Commit {
  let found = commits[0] as Commit;
  for (const commit of commits) {
    if ((commit.committedAt as Date).getTime() < at.getTime()) found = commit;
  }
  return found;
}
