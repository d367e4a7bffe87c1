#!/usr/bin/env bash
# Server CPU per request of two builds of filesight, in alternating wrk rounds against two
# benchmark servers running side by side on a store that benchmarks/run.sh built: the way to tell a
# change from the shared machine's drift, which moves single runs by 10-15%.
#
# Usage: benchmarks/compare-builds.sh DIR_A DIR_B [ROUNDS] [SECONDS]
#   DIR_A, DIR_B: two checkouts (git worktree add ...), each built with
#     mvn -B -q -Pbenchmarks -DskipTests package
#   Environment: STORE (default: this checkout's benchmarks/target/run/stores/10M), or STORE_A and
#   STORE_B when the builds keep different schemas (the same data imported by each build), WARM
#   (seconds of warm-up per server, default 45), JAVA_A / JAVA_B (extra JVM options per server),
#   TARGET (filesight or bare, default filesight), ARGS_A / ARGS_B (extra BenchmarkServer arguments
#   per server, e.g. --db jdbc:postgresql://... --ledger memory), PG_DATA (a PostgreSQL data
#   directory: its processes' CPU then counts with each server's, for servers on that database).
#   DIR_A and DIR_B may be the same checkout. Needs wrk.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 DIR_A DIR_B [ROUNDS] [SECONDS]" >&2; exit 2; }
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/benchmarks"
DIR_A="$(cd "$1" && pwd)"; DIR_B="$(cd "$2" && pwd)"; ROUNDS="${3:-4}"; SECONDS_EACH="${4:-15}"
STORE="${STORE:-$BENCH/target/run/stores/10M}"
STORE_A="${STORE_A:-$STORE}"; STORE_B="${STORE_B:-$STORE}"
WORK="$BENCH/target/compare-builds"
TENANT=8f7c3a2e-0000-4000-8000-00000000be7c
for store in "$STORE_A" "$STORE_B"; do
  [[ -f $store/filesight.db && -f $store/files.txt ]] || { echo "no store at $store: run benchmarks/run.sh first" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "wrk is missing (Debian package wrk)" >&2; exit 2; }
for dir in "$DIR_A" "$DIR_B"; do
  [[ -f $dir/benchmarks/target/classpath.txt ]] || { echo "build $dir first: mvn -B -q -Pbenchmarks -DskipTests package" >&2; exit 2; }
done

rm -rf "$WORK" && mkdir -p "$WORK"
classpath() { echo "$1/benchmarks/target/classes:$(tr '\n' ':' < "$1/benchmarks/target/classpath.txt")"; }
java -jar "$DIR_B/bootstrap/target/filesight.jar" keygen --out "$WORK/keys" > /dev/null
declare -A PID DIR=([A]="$DIR_A" [B]="$DIR_B") OPTS=([A]="${JAVA_A:-}" [B]="${JAVA_B:-}") URL
declare -A STORES=([A]="$STORE_A" [B]="$STORE_B") ARGS=([A]="${ARGS_A:-}" [B]="${ARGS_B:-}")
stop() { kill "${PID[@]}" 2>/dev/null || true; sleep 2; kill -9 "${PID[@]}" 2>/dev/null || true; }
trap stop EXIT
for x in A B; do
  # shellcheck disable=SC2086 # JAVA_A/JAVA_B hold several options
  # shellcheck disable=SC2086 # ARGS_A/ARGS_B hold several arguments
  java -Xmx256m -XX:+UseG1GC ${OPTS[$x]} -cp "$(classpath "${DIR[$x]}")" \
    io.filesight.benchmarks.BenchmarkServer --store "${STORES[$x]}" --keys "$WORK/keys" --tenant "$TENANT" \
    --ports "$WORK/ports-$x" ${ARGS[$x]} > "$WORK/server-$x.txt" 2>&1 &
  PID[$x]=$!
done
for x in A B; do
  for _ in $(seq 1 600); do [[ -f $WORK/ports-$x ]] && break; kill -0 "${PID[$x]}" || exit 1; sleep 0.2; done
  URL[$x]="http://127.0.0.1:$(sed -n "s/^${TARGET:-filesight}=//p" "$WORK/ports-$x")"
done
# Enough applications that none reaches 100 calls a minute.
java -cp "$(classpath "$DIR_B")" io.filesight.benchmarks.MintTokens --keys "$WORK/keys" --tenant "$TENANT" \
  --prefix compare- --count 9000 --out "$WORK/tokens.txt"

load() { # server seconds
  FILES="$STORE_B/files.txt" TOKENS="$WORK/tokens.txt" THREADS=2 wrk -t2 -c64 -d"$2s" --timeout 10s \
    -s "$BENCH/wrk-requests.lua" "${URL[$1]}" > "$WORK/wrk.txt"
}
pg_ticks() { # the cluster's CPU: the postmaster with its ended children, and the live ones
  [[ -n ${PG_DATA:-} ]] || { echo 0; return; }
  local postmaster; postmaster=$(head -1 "$PG_DATA/postmaster.pid")
  { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat"
    for child in $(pgrep -P "$postmaster"); do awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || true; done
  } | awk '{ t += $1 } END { print t + 0 }'
}
cpu_ticks() { echo $(( $(awk '{ print $14 + $15 }' "/proc/${PID[$1]}/stat") + $(pg_ticks) )); }
for x in A B; do load "$x" "${WARM:-45}"; done
for round in $(seq 1 "$ROUNDS"); do
  for x in A B; do
    before=$(cpu_ticks "$x"); load "$x" "$SECONDS_EACH"; after=$(cpu_ticks "$x")
    awk -v label="round $round $x" -v seconds="$SECONDS_EACH" -v ticks=$((after - before)) \
      -v hz="$(getconf CLK_TCK)" '
      /requests in/ { n = $1 }
      /Non-2xx/ { bad = $NF }
      END { printf "%-10s %8.0f requests/s  %6.1f us server CPU a request  %d non-2xx\n",
            label, n / seconds, ticks / hz * 1e6 / n, bad }' "$WORK/wrk.txt"
  done
done
