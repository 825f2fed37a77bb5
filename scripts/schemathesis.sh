#!/usr/bin/env bash
# The API against its own OpenAPI document: schemathesis (PyPI) generates
# requests from the document and checks that no answer is a 5xx and that
# every answer matches the schema it documents. Starts `recoupe serve` on a
# free loopback port over the sample (and ../shared/seeds when present).
# Usage: scripts/schemathesis.sh [max examples per operation, default 40]
set -euo pipefail
cd "$(dirname "$0")/.."
examples="${1:-40}"
venv=target/schemathesis-venv
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'schemathesis>=4,<5'
fi
cargo build --locked -q -p recoupe-cli
data="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export RECOUPE_TOKEN="ci-$RANDOM$RANDOM$RANDOM"
inputs=(examples/sample)
[ -d ../shared/seeds ] && inputs+=(../shared/seeds)
./target/debug/recoupe --data "$data" -q serve "${inputs[@]}" --addr "127.0.0.1:$port" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/api/openapi.json')" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "recoupe serve exited" >&2; exit 1; }
  sleep 0.2
done
"$venv/bin/schemathesis" run "http://127.0.0.1:$port/api/openapi.json" \
  --checks not_a_server_error,response_schema_conformance \
  --max-examples "$examples" --generation-deterministic \
  --header "Authorization: Bearer $RECOUPE_TOKEN" --request-timeout 30
