// Adds up the Vitest and Playwright JSON reports into one closing line, and fails when a suite
// ran no test at all (a silently empty suite must not look green).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(dir)
  .filter((name) => name.endsWith(".json"))
  .sort()) {
  const report = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  // Vitest: numPassedTests...; Playwright: stats.expected/unexpected/flaky/skipped.
  const counts = report.stats
    ? {
        passed: report.stats.expected + report.stats.flaky,
        failed: report.stats.unexpected,
        skipped: report.stats.skipped,
      }
    : {
        passed: report.numPassedTests,
        failed: report.numFailedTests,
        skipped: report.numPendingTests + report.numTodoTests,
      };
  console.log(
    `${path.basename(file, ".json")}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
  if (counts.passed === 0) {
    console.error(`${file}: no test ran`);
    failed += 1;
  }
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}
console.log(`total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
