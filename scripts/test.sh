#!/usr/bin/env bash
# `npm test` / `pnpm test`: the whole suite, as CI runs it. Every step must run and pass; a
# missing piece (no Chromium, no PostgreSQL server) fails loudly instead of being skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 CI="${CI:-true}"
reports="$(pwd)/.data/test-reports"
rm -rf "$reports" && mkdir -p "$reports"
started=$SECONDS

current=""
log="$reports/step.log"
step() {
  current="$1"
  : >"$log"
  printf '\n=== %s (%ss)\n' "$1" "$((SECONDS - started))"
}
# Runs a step's command with its output also kept, so that a failure can be summed up last: CI
# shows only the end of what this script prints.
run() { "$@" 2>&1 | tee "$log"; }
on_exit() {
  local status=$?
  [ "$status" -eq 0 ] && return
  printf '\n=== FAILED (exit %s) in: %s; what it said about the failure:\n' "$status" "$current"
  sed 's/\x1b\[[0-9;]*m//g' "$log" |
    grep -a -E -B2 -A8 'Unhandled|FAIL|Error|✘|×|failed' | head -120 || true
}
trap on_exit EXIT

step "install"
npx -y pnpm@12.4.2 install --frozen-lockfile
PATH="$(pwd)/node_modules/.bin:$PATH"

step "prerequisites: Chromium and the PostgreSQL server"
run bash scripts/ensure-chromium.sh
run bash scripts/ensure-postgres.sh

step "format and lint (biome ci)"
run biome ci .

step "typecheck"
run turbo run typecheck --output-logs=errors-only

step "unit tests"
run vitest run --project unit --reporter=default --reporter=json --outputFile.json="$reports/unit.json"

step "integration tests on the embedded PGlite"
run vitest run --project integration-pglite --reporter=default --reporter=json --outputFile.json="$reports/integration-pglite.json"

step "integration tests on the PostgreSQL server"
run vitest run --project integration-postgres --reporter=default --reporter=json --outputFile.json="$reports/integration-postgres.json"

step "migrations match the schema"
run pnpm db:check

step "production build"
run turbo run build --filter=@pedigree/web --output-logs=errors-only

step "end-to-end tests in Chromium"
(cd e2e && PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" run pnpm exec playwright test --reporter=list,json)

step "summary"
run node scripts/summarize-tests.mjs "$reports"
echo "took $((SECONDS - started)) s"
