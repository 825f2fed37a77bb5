#!/bin/sh
# Load test of reports/serve-load.md: 64 connections for 30 s on each endpoint
# (story list, search, dossier) of a running `recoupe serve` at $ADDR, with
# varied URLs. Prints wrk's latency distribution per endpoint.
# With DURING set, that command (e.g. an ingest of 10k more articles in another
# process) starts in the background once the URLs are ready, and the runs are
# made while it works; its output goes to $DIR/during.log, its exit time is printed.
# ENDPOINTS picks some of "list search dossier".
# Usage: ADDR=127.0.0.1:8080 [DURING='recoupe --data D -q ingest more.jsonl'] scripts/serve-load.sh [seconds]
set -eu
ADDR=${ADDR:-127.0.0.1:8080}
SECONDS_EACH=${1:-30}
DIR=$(mktemp -d)
HERE=$(dirname "$0")
# Story ids: the 500 largest stories.
for page in 1 2 3 4 5; do
  curl -sf "http://$ADDR/api/stories?sort=articles&per_page=100&page=$page" | jq -r '.items[].id'
done > "$DIR/ids"
sed 's|^|/api/dossiers/|' "$DIR/ids" > "$DIR/dossier"
# Story list: every sort, first pages, some filtered by language.
for sort in recent articles title; do
  for page in 1 2 3 4 5 10 50; do
    echo "/api/stories?sort=$sort&page=$page&per_page=25"
    echo "/api/stories?sort=$sort&page=$page&per_page=25&language=fr"
  done
done > "$DIR/list"
# Search: words of the generated corpus' titles, by relevance and by date, some filtered.
curl -sf "http://$ADDR/api/stories?sort=articles&per_page=100" |
  jq -r '.items[].title | gsub("[,.:;«»\"()]"; "") | split(" ")[] | select(length > 4) | @uri' |
  sort -u | head -150 > "$DIR/words"
while read -r w; do
  echo "/api/search?q=$w"
  echo "/api/search?q=$w&sort=newest"
  echo "/api/search?q=$w&language=en&page=2"
done < "$DIR/words" > "$DIR/search"
# Warm the caches once, as an analyst's first views do: the first view of a
# dossier builds it, a search answer is kept until new documents arrive.
cat "$DIR/dossier" "$DIR/search" | while read -r p; do curl -sf -o /dev/null "http://$ADDR$p" || true; done
if [ -n "${DURING:-}" ]; then
  (sh -c "$DURING" > "$DIR/during.log" 2>&1; echo "== DURING finished at $(date +%T): exit $?") &
  echo "== DURING started at $(date +%T): $DURING"
fi
for endpoint in ${ENDPOINTS:-list search dossier}; do
  echo "== $endpoint ($(wc -l < "$DIR/$endpoint") paths) at $(date +%T)"
  PATHS="$DIR/$endpoint" wrk -t2 -c64 -d"${SECONDS_EACH}s" --timeout 10s --latency -s "$HERE/serve-load.lua" "http://$ADDR"
done
curl -s "http://$ADDR/api/status"; echo
wait
rm -r "$DIR"
