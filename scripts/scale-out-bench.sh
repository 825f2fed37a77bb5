#!/usr/bin/env bash
# Throughput of the scale-out path beside the embedded one (reports/scale-out.md).
#   scripts/scale-out-bench.sh [ARTICLES=2000] [RUNS=3]
# Needs the release binary (cargo build --release -p recoupe-cli), psql, and the PostgreSQL
# and NATS servers ($RECOUPE_BENCH_POSTGRES, $RECOUPE_BENCH_NATS). Each run gets its own
# schema and stream, dropped at the end. Prints one line per run, then the medians.
# Workers run with --no-stories (the committed figures); STORY_ARGS="--story-interval 10"
# measures them updating the persisted stories too.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
RUNS=${2:-3}
PG=${RECOUPE_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432/test}
NATS=${RECOUPE_BENCH_NATS:-nats://127.0.0.1:4222}
read -r -a STORY_ARGS <<<"${STORY_ARGS---no-stories}"
BIN=target/release/recoupe
WORK=$(mktemp -d)
SCHEMAS=()
STREAMS=()

drop_stream() { # JetStream API over the plain protocol: no NATS CLI needed.
  local hostport=${NATS#nats://}
  exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}" || return 0
  printf 'CONNECT {"verbose":false}\r\nPUB $JS.API.STREAM.DELETE.%s 0\r\n\r\nPING\r\n' "$1" >&3
  timeout 2 head -c 2000 <&3 >/dev/null || true
  exec 3>&-
}
cleanup() {
  for s in "${SCHEMAS[@]}"; do psql "$PG" -qc "DROP SCHEMA IF EXISTS $s CASCADE" >/dev/null 2>&1 || true; done
  for s in "${STREAMS[@]}"; do drop_stream "$s"; done
  rm -rf "$WORK"
}
trap cleanup EXIT

cargo run -q --release -p recoupe-corpus --bin gen-corpus -- --articles "$N" --seed 16 --format txt --out "$WORK/corpus" >/dev/null
now() { date +%s.%N; }
rate() { python3 -c "print(f'{$1/($3-$2):.1f}')"; }

# (mode, run) -> "seconds articles/s"
results=$WORK/results
: >"$results"

for run in $(seq 1 "$RUNS"); do
  # The embedded path: `recoupe ingest` (extract + store, no analysis).
  t0=$(now); "$BIN" --data "$WORK/ingest-$run" -q ingest "$WORK/corpus" 2>/dev/null; t1=$(now)
  echo "ingest-sqlite $run $(rate "$N" "$t0" "$t1")" | tee -a "$results"

  # The worker path on SQLite (one worker; extract + analyse + store), and on PostgreSQL with 1, 2, 4 workers.
  for mode in worker-sqlite-1 worker-pg-1 worker-pg-2 worker-pg-4; do
    workers=${mode##*-}
    stream="PGNATS_BENCH_${mode//-/_}_${run}_$$"
    STREAMS+=("$stream")
    if [[ $mode == worker-sqlite-* ]]; then
      store="$WORK/worker-$run"
    else
      schema="pgnats_bench_${mode//-/_}_${run}_$$"
      SCHEMAS+=("$schema")
      psql "$PG" -qc "CREATE SCHEMA $schema"
      store="$PG?options=-csearch_path%3D$schema"
    fi
    t0=$(now)
    "$BIN" feed "$WORK/corpus" --nats "$NATS" --stream "$stream" 2>/dev/null
    t1=$(now)
    pids=()
    for _ in $(seq 1 "$workers"); do
      "$BIN" worker --store "$store" --nats "$NATS" --stream "$stream" --drain --batch 32 "${STORY_ARGS[@]}" 2>>"$WORK/workers.log" &
      pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    t2=$(now)
    if [[ $mode == worker-pg-* ]]; then
      stored=$(psql "$PG" -tAc "SELECT COUNT(*) FROM $schema.articles")
      [[ $stored == "$N" ]] || { echo "$mode run $run: $stored articles stored, $N expected" >&2; exit 1; }
    fi
    echo "$mode $run feed $(rate "$N" "$t0" "$t1") drain $(rate "$N" "$t1" "$t2") end-to-end $(rate "$N" "$t0" "$t2")" | tee -a "$results"
    grep -h "s in the store" "$WORK/workers.log" | tail -n "$workers" | sed "s/^/  $mode: /"
  done
done

echo "== medians of $RUNS runs, $N articles (articles/s)"
python3 - "$results" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    parts = line.split()
    mode = parts[0]
    if mode == "ingest-sqlite":
        rows[mode]["end-to-end"].append(float(parts[2]))
    else:
        for key, value in zip(parts[2::2], parts[3::2]):
            rows[mode][key].append(float(value))
for mode, cols in rows.items():
    print(mode, " ".join(f"{k} {statistics.median(v):.1f}" for k, v in cols.items()))
PY
