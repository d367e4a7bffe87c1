#!/usr/bin/env bash
# Throughput and server CPU per request, filesight against the bare route, in alternating wrk
# rounds on a store that benchmarks/run.sh already built: the quick way to see what a change to the
# lookup path costs, without the whole run. CPU time comes from /proc (user + system of the server
# process), so it stays meaningful when other work shares the machine and requests/s does not.
#
# Usage: benchmarks/cpu-per-request.sh [STORE_DIR] [SECONDS] [ROUNDS]
#   STORE_DIR: the largest store of a run (it holds the hot file the benchmark server fetches):
#   by default stores/10M after a full run, else stores/1M after a --quick one. Needs wrk. PROFILE=1 also writes an async-profiler flame graph of the whole
#   run (tools.profiler:async-profiler from Maven Central) to $WORK/profile.html.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/benchmarks"
DEFAULT_STORE="$BENCH/target/run/stores/10M"
[[ -d $DEFAULT_STORE ]] || DEFAULT_STORE="$BENCH/target/run/stores/1M"
STORE="${1:-$DEFAULT_STORE}"
SECONDS_EACH="${2:-10}"
ROUNDS="${3:-3}"
WORK="$BENCH/target/cpu-per-request"
TENANT=8f7c3a2e-0000-4000-8000-00000000be7c
[[ -f $STORE/filesight.db && -f $STORE/files.txt ]] || {
  echo "no store at $STORE: run benchmarks/run.sh --quick first" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing (Debian package wrk)" >&2; exit 2; }
[[ -f $BENCH/target/classpath.txt ]] || {
  echo "build first: mvn -B -q -Pbenchmarks -DskipTests package" >&2; exit 2; }

rm -rf "$WORK" && mkdir -p "$WORK"
CP="$BENCH/target/classes:$(tr '\n' ':' < "$BENCH/target/classpath.txt")"
AGENT=()
if [[ -n ${PROFILE:-} ]]; then
  mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1 >/dev/null
  (cd "$WORK" && unzip -q -o ~/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar \
    'linux-x64/*')
  AGENT=("-agentpath:$WORK/linux-x64/libasyncProfiler.so=start,event=itimer,interval=1ms,file=$WORK/profile.html")
fi
java -jar "$ROOT/bootstrap/target/filesight.jar" keygen --out "$WORK/keys" > /dev/null
java -Xmx256m -XX:+UseG1GC "${AGENT[@]}" -cp "$CP" io.filesight.benchmarks.BenchmarkServer \
  --store "$STORE" --keys "$WORK/keys" --tenant "$TENANT" --ports "$WORK/ports" \
  > "$WORK/server.txt" 2>&1 &
PID=$!
stop() { kill "$PID" 2>/dev/null || true; for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || return 0; sleep 0.1; done; kill -9 "$PID" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 600); do [[ -f $WORK/ports ]] && break; kill -0 "$PID" || exit 1; sleep 0.2; done
FS="http://127.0.0.1:$(sed -n 's/^filesight=//p' "$WORK/ports")"
BARE="http://127.0.0.1:$(sed -n 's/^bare=//p' "$WORK/ports")"
# Enough applications that none reaches 100 calls a minute at 20k requests/s.
java -cp "$CP" io.filesight.benchmarks.MintTokens --keys "$WORK/keys" --tenant "$TENANT" \
  --prefix cpu- --count 9000 --out "$WORK/tokens.txt"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }
round() { # label url seconds
  local before after
  before=$(cpu_ticks)
  FILES="$STORE/files.txt" TOKENS="$WORK/tokens.txt" THREADS=2 wrk -t2 -c64 -d"$3s" --timeout 10s \
    -s "$BENCH/wrk-requests.lua" "$2" > "$WORK/wrk.txt"
  after=$(cpu_ticks)
  awk -v label="$1" -v seconds="$3" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /requests in/ { n = $1 }
    /Non-2xx/ { bad = $NF }
    END { printf "%-9s %8.0f requests/s  %6.1f us server CPU a request  %d non-2xx\n",
          label, n / seconds, ticks / hz * 1e6 / n, bad }' "$WORK/wrk.txt"
}
round warm-up "$BARE" 3 > /dev/null
round warm-up "$FS" 5 > /dev/null
for _ in $(seq 1 "$ROUNDS"); do
  round bare "$BARE" "$SECONDS_EACH"
  round filesight "$FS" "$SECONDS_EACH"
done
