#!/usr/bin/env bash
# The web UI in headless Chromium (crates/server/tests/browser): Debian's
# `chromium` from apt when missing, the pinned playwright-core from npm
# (`npm ci`), `recoupe` built by cargo, then the tests (each starts its own
# `recoupe serve` on a free loopback port over an empty temporary data folder).
# Without Chromium and without $CI: prints SKIP with how to install it and
# exits 0. Under $CI anything missing fails the step.
set -euo pipefail
cd "$(dirname "$0")/.."
tests=crates/server/tests/browser
mkdir -p target

skip_or_fail() {
  if [ -n "${CI:-}" ]; then
    echo "error: $1" >&2
    exit 1
  fi
  echo "SKIP: browser tests: $1"
  exit 0
}

find_chromium() {
  for c in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$c" ] && [ -x "$c" ]; then
      echo "$c"
      return
    fi
  done
}

if [ -z "$(find_chromium)" ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo -n"
  fi
  echo "installing chromium (apt; log in target/chromium-install.log)"
  { $sudo apt-get install -y -q chromium || { $sudo apt-get update -q && $sudo apt-get install -y -q chromium; }; } \
    >target/chromium-install.log 2>&1 || true
fi
CHROMIUM="$(find_chromium)"
[ -n "$CHROMIUM" ] || skip_or_fail "Chromium is not installed (sudo apt-get install -y chromium, or set CHROMIUM=/path/to/chromium)"
command -v npm >/dev/null 2>&1 || skip_or_fail "Node.js 20 and npm are not installed (sudo apt-get install -y nodejs npm)"
export CHROMIUM

(cd "$tests" && npm ci --no-audit --no-fund --loglevel=error)
cargo build --locked -q -p recoupe-cli
export RECOUPE_BIN="$PWD/target/debug/recoupe"
(cd "$tests" && npm test)
