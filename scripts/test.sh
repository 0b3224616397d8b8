#!/usr/bin/env bash
# `npm test` / `pnpm test`: the whole suite, as CI runs it. Every step must run and pass; a
# missing piece (no Chromium, no PostgreSQL server) fails loudly instead of being skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 CI="${CI:-true}"
reports="$(pwd)/.data/test-reports"
rm -rf "$reports" && mkdir -p "$reports"
started=$SECONDS

step() { printf '\n=== %s (%ss)\n' "$1" "$((SECONDS - started))"; }

step "install"
npx -y pnpm@12.4.2 install --frozen-lockfile
PATH="$(pwd)/node_modules/.bin:$PATH"

step "prerequisites: Chromium and the PostgreSQL server"
bash scripts/ensure-chromium.sh
bash scripts/ensure-postgres.sh

step "format and lint (biome ci)"
biome ci .

step "typecheck"
turbo run typecheck --output-logs=errors-only

step "unit tests"
vitest run --project unit --reporter=default --reporter=json --outputFile.json="$reports/unit.json"

step "integration tests on the embedded PGlite"
vitest run --project integration-pglite --reporter=default --reporter=json --outputFile.json="$reports/integration-pglite.json"

step "integration tests on the PostgreSQL server"
vitest run --project integration-postgres --reporter=default --reporter=json --outputFile.json="$reports/integration-postgres.json"

step "migrations match the schema"
pnpm db:check

step "production build"
turbo run build --filter=@pedigree/web --output-logs=errors-only

step "end-to-end tests in Chromium"
(cd e2e && PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" pnpm exec playwright test --reporter=list,json)

step "summary"
node scripts/summarize-tests.mjs "$reports"
echo "took $((SECONDS - started)) s"
