#!/usr/bin/env bash
# Makes sure a Chromium is installed for the dashboard's browser tests
# (test/e2e/indexerDevnet.test.ts drives it headless through puppeteer-core).
#
# Run by `npm install` (postinstall, in the repository only) and by .ci/run. Installs
# Debian's `chromium` package when no `chromium` is on PATH and CUSTOS_CHROMIUM names none;
# needs root or passwordless sudo, otherwise it says what to run and leaves the install be
# (the browser test then fails naming this script).
set -uo pipefail
if [ -n "${CUSTOS_CHROMIUM:-}" ] && [ -x "$CUSTOS_CHROMIUM" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "[chromium] not installed and no root: run 'sudo apt-get install chromium' (or set CUSTOS_CHROMIUM) for the dashboard's browser tests" >&2
    exit 0
  fi
fi
echo "[chromium] installing Debian's chromium for the dashboard's browser tests" >&2
$SUDO apt-get update -qq >&2 &&
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2 ||
  echo "[chromium] apt-get install chromium failed: the browser test will fail until it is installed" >&2
exit 0
