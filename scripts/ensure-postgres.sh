#!/usr/bin/env bash
# The integration suite runs a second time against a PostgreSQL server (PEDIGREE_TEST_POSTGRES_URL,
# default postgresql://postgres@127.0.0.1:5432/postgres). Start the local cluster if it is down.
set -euo pipefail
url="${PEDIGREE_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
ready() { pg_isready -q -d "$url" 2>/dev/null; }
if ready; then exit 0; fi
if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  echo "PostgreSQL is down: starting the local cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
fi
echo "No PostgreSQL server answers at $url: the integration suite needs one (set PEDIGREE_TEST_POSTGRES_URL)" >&2
exit 1
