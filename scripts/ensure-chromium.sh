#!/usr/bin/env bash
# Playwright drives Debian's Chromium (it cannot download its own browser here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Chromium is missing: installing Debian's package (needs root and the Debian mirror)"
if [ "$(id -u)" -ne 0 ]; then echo "not root: run 'sudo apt-get install -y chromium' and retry" >&2; exit 1; fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
test -x /usr/bin/chromium || { echo "Chromium did not install" >&2; exit 1; }
