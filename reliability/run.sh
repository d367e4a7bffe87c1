#!/usr/bin/env bash
# Runs filesight the way a bad day and an attacker would, and writes what held into RELIABILITY.md:
# imports killed at random moments, serving under wrk while importing, faults of the store while
# serving, raw-HTTP abuse and a long fuzz run, quota bursts. Each section records its figures in
# one results file; the report at the end compares them with what the anchors promise.
#
# Usage: reliability/run.sh [--quick] [--section kill|serve|faults|abuse|quota]...
#   full:      60 kills, a 1M-observation import under wrk, 10,000 fuzz cases per target, ~25 min
#   --quick:   every section with fewer iterations (12 kills, 150k observations, 1,000 fuzz cases
#              per target), ~6 min; its report says so at the top
#   --section: only the named sections (repeatable); the report then holds only those
# Environment: RELIABILITY_DIR (default reliability/target/run) holds the data, logs and raw
# results; RELIABILITY_MVN_ARGS is added to every mvn command (e.g. "-o -DskipSbom" to build offline).
# Everything listens on 127.0.0.1 only; every loop is bounded in count and time.
set -euo pipefail

MODE=full
SECTIONS=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) MODE=quick ;;
    --section) shift; SECTIONS+=("${1:?--section needs a name}") ;;
    *) echo "usage: $0 [--quick] [--section kill|serve|faults|abuse|quota]..." >&2; exit 2 ;;
  esac
  shift
done
[[ ${#SECTIONS[@]} -eq 0 ]] && SECTIONS=(kill serve faults abuse quota)
for s in "${SECTIONS[@]}"; do
  case $s in kill|serve|faults|abuse|quota) ;; *) echo "unknown section $s" >&2; exit 2 ;; esac
done
wanted() { [[ " ${SECTIONS[*]} " == *" $1 "* ]]; }

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REL="$ROOT/reliability"
WORK="${RELIABILITY_DIR:-$REL/target/run}"
RESULTS="$WORK/results.properties"
TENANT=8f7c3a2e-0000-4000-8000-00000000be7c
MVN_ARGS=(${RELIABILITY_MVN_ARGS:-})
SERVER_OPTS=(-Xmx256m -XX:+UseG1GC)

if [[ $MODE == full ]]; then
  KILL_TARGET=60; KILLS_PER_SERIES=10
  OBS_A=200000; OBS_B=100000; OBS_BIG=1000000; BATCH=20000
  FUZZ_CASES=10000; RANDOM_IDS=5000; IDLE=2000; SLOW=200; HEADER_TIMEOUT=10; PIPELINED=100
  QUOTA_APPS=5; QUOTA_CALLS=500; LOCK_SECONDS=20
  OVERLOAD_CONNECTIONS=2000; OVERLOAD_SECONDS=20
else
  KILL_TARGET=12; KILLS_PER_SERIES=4
  OBS_A=60000; OBS_B=30000; OBS_BIG=150000; BATCH=5000
  FUZZ_CASES=1000; RANDOM_IDS=1000; IDLE=500; SLOW=50; HEADER_TIMEOUT=5; PIPELINED=50
  QUOTA_APPS=3; QUOTA_CALLS=250; LOCK_SECONDS=15
  OVERLOAD_CONNECTIONS=1200; OVERLOAD_SECONDS=10
fi
log() { printf '\n== %s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }
put() { echo "$1=$2" | tee -a "$RESULTS"; }
val() { sed -n "s/^$(sed 's/[].[]/\\&/g' <<< "$1")=//p" "$RESULTS" | tail -1; }

# --- tools and build -----------------------------------------------------------------------------
if ! command -v wrk > /dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get > /dev/null; then
    log "installing wrk (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null || true
  fi
  command -v wrk > /dev/null || {
    echo "reliability/run.sh: wrk is missing and cannot be installed here: install the Debian package wrk" >&2
    exit 1
  }
fi
command -v java > /dev/null && command -v mvn > /dev/null || { echo "java and mvn are required" >&2; exit 1; }

log "building (mvn -Pbenchmarks -DskipTests package, formatting skipped: a run must not rewrite sources)"
(cd "$ROOT" && mvn -B -q "${MVN_ARGS[@]}" -Pbenchmarks -DskipTests -Dspotless.apply.skip=true package)
deps=$(tr ':' '\n' < "$ROOT/benchmarks/target/classpath.txt")
CP="$ROOT/benchmarks/target/classes:$(grep -v '/filesight.jar$' <<< "$deps" | paste -sd:):$(grep '/filesight.jar$' <<< "$deps")"
JAR="$ROOT/bootstrap/target/filesight.jar"
[[ -f $JAR ]] || { echo "the build left no $JAR" >&2; exit 1; }
tool() { java -cp "$CP" "io.filesight.benchmarks.$@"; }
fs() { java -jar "$JAR" "$@"; }

rm -rf "$WORK" && mkdir -p "$WORK/logs" "$WORK/data"
SERVER_PIDS=()
MOUNTS=()
cleanup() {
  for pid in "${SERVER_PIDS[@]}"; do kill -9 "$pid" 2> /dev/null || true; done
  for m in "${MOUNTS[@]}"; do umount "$m" 2> /dev/null || true; done
}
trap cleanup EXIT

{
  echo "mode:    $MODE"
  echo "cores:   $(nproc)"
  echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory:  $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  java -version 2>&1 | head -1 | sed 's/^/java:    /'
  echo "wrk:     $(wrk -v 2>&1 | head -1)"
  echo "commit:  $(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)"
  echo "load average at start (other work on the machine skews timings): $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$WORK/machine.txt"
cat "$WORK/machine.txt"

# --- shared steps --------------------------------------------------------------------------------
fs keygen --out "$WORK/keys" > /dev/null
mint() { # prefix count file
  tool MintTokens --keys "$WORK/keys" --tenant "$TENANT" --prefix "$1" --count "$2" --out "$3"
}
# serve DB LOG [extra serve options...]: starts a server on a free port; sets PORT and SERVER_PID.
serve() {
  local db=$1 out=$2; shift 2
  : > "$out"
  java "${SERVER_OPTS[@]}" -jar "$JAR" serve --db "$db" --jwks "$WORK/keys/jwks.json" \
    --tenant "$TENANT" --bind 127.0.0.1 --port 0 "$@" > "$out" 2>&1 &
  SERVER_PID=$!; SERVER_PIDS+=("$SERVER_PID")
  PORT=""
  for _ in $(seq 1 300); do
    PORT=$(sed -n 's/^filesight serving on port //p' "$out" | head -1)
    [[ -n $PORT ]] && break
    kill -0 "$SERVER_PID" 2> /dev/null || break
    sleep 0.1
  done
}
stop() { # pid: SIGTERM, then at most 30 s
  kill "$1" 2> /dev/null || true
  for _ in $(seq 1 300); do kill -0 "$1" 2> /dev/null || break; sleep 0.1; done
  kill -9 "$1" 2> /dev/null || true
  wait "$1" 2> /dev/null || true
}
probe() { tool HttpProbe --url "http://127.0.0.1:$PORT$1" --token "${2:-}"; }
first_line() { grep -m1 -v '^\s*$' "$1" | cut -c1-400 || true; }
ms() { date +%s%3N; }
answers_5xx() { # the server's own count of 5xx answers, from /metrics
  tool HttpProbe --url "http://127.0.0.1:$PORT/metrics" --body "$WORK/metrics.txt" > /dev/null
  awk '/^http_server_requests_seconds_count/ && /status="5[0-9][0-9]"/ { n += $NF } END { print n + 0 }' "$WORK/metrics.txt"
}

log "data: filesight generate (A: $OBS_A observations, B: $OBS_B, big: $OBS_BIG)"
fs generate --machines 5000 --files 50000 --observations "$OBS_A" --seed 11 --out "$WORK/data/a" > /dev/null
fs generate --machines 5000 --files 30000 --observations "$OBS_B" --seed 12 --out "$WORK/data/b" > /dev/null
A_MACHINES=$(ls "$WORK"/data/a/machines.*); A_OBS="$WORK/data/a/observations.csv"
B_OBS="$WORK/data/b/observations.csv"
# A stored hash on few machines, for lookups whose answer stays small.
HASH=$(awk -F, 'NR > 1 { n[$(NF - 4)]++ } END { for (h in n) if (n[h] <= 3) { print h; exit } }' "$A_OBS")

log "reference stores: uninterrupted imports (machines + A; then + B)"
REF_FIRST="$WORK/ref-first.db"; REF_LATER="$WORK/ref-later.db"
fs import machines "$A_MACHINES" --db "$REF_FIRST" > /dev/null
# The moment the import's first write reaches the store (its -wal grows): kills before it only
# ever find the store untouched, so most kills go after it.
t0=$(ms)
fs import observations "$A_OBS" --db "$REF_FIRST" --batch-size "$BATCH" > /dev/null 2> "$WORK/logs/ref-first.txt" &
ref_pid=$!; T_WRITE=""
while kill -0 "$ref_pid" 2> /dev/null; do
  [[ -z $T_WRITE && $(stat -c %s "$REF_FIRST-wal" 2> /dev/null || echo 0) -gt 0 ]] && T_WRITE=$(( $(ms) - t0 ))
  sleep 0.02
done
wait "$ref_pid"; t1=$(ms)
T_FIRST=$((t1 - t0)); T_WRITE=${T_WRITE:-0}
# A first import's last step moves its backlog into the store, announced by one INFO line.
MOVE_LINE='moving the backlog'
move_at=$(grep -m1 "$MOVE_LINE" "$WORK/logs/ref-first.txt" | cut -d' ' -f1)
[[ -n $move_at ]] || { echo "the first import did not announce its backlog move ('$MOVE_LINE')" >&2; exit 1; }
T_MOVE=$((t1 - $(date -d "$move_at" +%s%3N)))
cp "$REF_FIRST" "$REF_LATER"
t0=$(ms); fs import observations "$B_OBS" --db "$REF_LATER" --batch-size "$BATCH" > /dev/null; t1=$(ms)
T_LATER=$((t1 - t0))
t0=$(ms); fs --version > /dev/null; t1=$(ms); T_JVM=$((t1 - t0))
put import.first_ms "$T_FIRST"; put import.first_write_ms "$T_WRITE"; put import.first_move_ms "$T_MOVE"; put import.later_ms "$T_LATER"; put import.jvm_start_ms "$T_JVM"
digest() { tool StoreDigest --db "$1"; }
field() { tr ' ' '\n' <<< "$2" | sed -n "s/^$1=//p"; }
REF_FIRST_DIGEST=$(digest "$REF_FIRST"); REF_LATER_DIGEST=$(digest "$REF_LATER")

# --- 1. import kill loop -------------------------------------------------------------------------
kill_series() { # kind(first|later) number
  local kind=$1 n=$2 store="$WORK/kill/$1-$2.db" state="$WORK/kill/$1-$2.state"
  local clean=$T_FIRST reference=$REF_FIRST_DIGEST
  [[ $kind == later ]] && clean=$T_LATER && reference=$REF_LATER_DIGEST
  rm -f "$store"* "$state"
  if [[ $kind == first ]]; then
    fs import machines "$A_MACHINES" --db "$store" > /dev/null
  else
    cp "$REF_FIRST" "$store"
  fi
  local file=$A_OBS; [[ $kind == later ]] && file=$B_OBS
  local kills=0 completed=0 attempts=0
  while [[ $kills -lt $KILLS_PER_SERIES && $completed -eq 0 && $attempts -lt $((KILLS_PER_SERIES * 3)) ]]; do
    attempts=$((attempts + 1))
    # A moment in an uninterrupted import's work: one kill in four from the JVM's start, the others
    # from 0.8x its first write to the store, up to 1.05x its end; every other kill of a first
    # import at a moment within its final backlog move instead.
    local from=$T_JVM; (( attempts % 4 != 1 && T_WRITE * 8 / 10 > T_JVM )) && from=$((T_WRITE * 8 / 10))
    local delay=$(( from + (RANDOM * 32768 + RANDOM) % (clean * 105 / 100 - from + 1) ))
    local at_move=no; [[ $kind == first && $((attempts % 2)) == 0 ]] && at_move=yes
    java -jar "$JAR" import observations "$file" --db "$store" --batch-size "$BATCH" \
      > "$WORK/logs/kill-import.txt" 2>&1 &
    local pid=$!
    if [[ $at_move == yes ]]; then
      for _ in $(seq 1 $((clean / 20 + 500))); do
        grep -q "$MOVE_LINE" "$WORK/logs/kill-import.txt" && break
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.02
      done
      delay=$(( (RANDOM * 32768 + RANDOM) % (T_MOVE / 2 + 1) ))
    fi
    sleep "$(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 1000 }')"
    if kill -0 "$pid" 2> /dev/null; then
      kill -9 "$pid"; wait "$pid" 2> /dev/null || true
      kills=$((kills + 1))
      local verify=0; fs verify --db "$store" > /dev/null 2>> "$WORK/logs/kill-verify.txt" || verify=$?
      local check; check=$(tool ImportKillCheck --db "$store" --csv "$file" --state "$state" \
        --kind "$kind" --final-pairs "$(field observations "$reference")")
      # The store before and during the move look alike (the move commits with the last batch):
      # the import's own line tells them apart.
      if [[ $kind == first && $check != *phase=after-last-commit* ]] && grep -q "$MOVE_LINE" "$WORK/logs/kill-import.txt"; then
        check="${check% phase=*} phase=first-import-final-move"
      fi
      echo "$kind $n kill=$kills at_move=$at_move delay_ms=$delay verify=$verify $check" | tee -a "$WORK/kill/kills.txt"
      [[ $check == *phase=after-last-commit* ]] && completed=1 # the rest would re-import a complete store
    else
      wait "$pid" && completed=1 || { echo "an import exited by itself with a failure:"; tail -5 "$WORK/logs/kill-import.txt"; }
    fi
  done
  local t0 t1 final=0
  t0=$(ms); fs import observations "$file" --db "$store" --batch-size "$BATCH" > "$WORK/logs/kill-final.txt" 2>&1 || final=$?; t1=$(ms)
  local verify=0; fs verify --db "$store" > /dev/null 2>> "$WORK/logs/kill-verify.txt" || verify=$?
  local d ref_bytes; d=$(digest "$store"); ref_bytes=$(field bytes "$reference")
  local equal=no; [[ $(field digest "$d") == $(field digest "$reference") ]] && equal=yes
  echo "series $kind $n kills=$kills final_exit=$final final_ms=$((t1 - t0)) verify=$verify equal=$equal" \
    "bytes=$(field bytes "$d") reference_bytes=$ref_bytes" \
    "ratio=$(awk -v a="$(field bytes "$d")" -v b="$ref_bytes" 'BEGIN { printf "%.3f", a / b }')" \
    "backlog_rows=$(field backlog_rows "$d") progress_rows=$(field progress_rows "$d")" | tee -a "$WORK/kill/series.txt"
}
if wanted kill; then
  log "1. import kill loop: $KILL_TARGET kills, in series of up to $KILLS_PER_SERIES, first and later imports in turn"
  mkdir -p "$WORK/kill"; : > "$WORK/kill/kills.txt"; : > "$WORK/kill/series.txt"
  # A series ends early when its import finishes before the kill: a resumed import has less to do.
  for n in $(seq 1 "$KILL_TARGET"); do
    [[ $(wc -l < "$WORK/kill/kills.txt") -ge $KILL_TARGET ]] && break
    if (( n % 2 == 1 )); then kill_series first "$n"; else kill_series later "$n"; fi
  done
  k="$WORK/kill/kills.txt"; s="$WORK/kill/series.txt"
  put kill.kills "$(wc -l < "$k")"
  put kill.verify_damaged "$(grep -vc ' verify=0 ' "$k" || true)"
  put kill.missing_records "$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^missing=/) { split($i, a, "="); m += a[2] } } END { print m + 0 }' "$k")"
  put kill.shrunk "$(grep -c ' shrunk=1 ' "$k" || true)"
  put kill.committed_checked "$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^committed=/) { split($i, a, "="); m += a[2] } } END { print m + 0 }' "$k")"
  for phase in before-first-commit first-import-batches first-import-final-move later-import-batches after-last-commit; do
    put "kill.phase.$phase" "$(grep -c "phase=$phase" "$k" || true)"
  done
  put kill.series "$(wc -l < "$s")"
  put kill.series_equal "$(grep -c ' equal=yes ' "$s" || true)"
  put kill.series_sound "$(grep -c ' verify=0 ' "$s" || true)"
  put kill.series_final_ok "$(grep -c ' final_exit=0 ' "$s" || true)"
  put kill.ratio_max "$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^ratio=/) { split($i, a, "="); if (a[2] > m) m = a[2] } } END { print m + 0 }' "$s")"
  put kill.bookkeeping_left "$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^(backlog|progress)_rows=/) { split($i, a, "="); m += a[2] } } END { print m + 0 }' "$s")"
fi

# --- 2. serving under wrk while importing --------------------------------------------------------
wrk_run() { # label tokens seconds (0: until SIGINT)
  FILES="$WORK/serve/hashes.txt" TOKENS="$2" THREADS=2 \
    wrk -t2 -c32 -d"${3}s" --timeout 10s --latency -s "$ROOT/benchmarks/wrk-requests.lua" \
    "http://127.0.0.1:$PORT" > "$WORK/logs/wrk-$1.txt" 2>&1
}
wrk_record() { # label
  local out="$WORK/logs/wrk-$1.txt"
  put "serve.$1.requests" "$(awk '/requests in/ { print $1 }' "$out")"
  put "serve.$1.rps" "$(awk '/Requests\/sec:/ { print $2 }' "$out")"
  put "serve.$1.p50" "$(awk '$1 == "50%" { print $2 }' "$out")"
  put "serve.$1.p99" "$(awk '$1 == "99%" { print $2 }' "$out")"
  put "serve.$1.non2xx" "$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out" | grep . || echo 0)"
  put "serve.$1.errors" "$(awk -F'[ ,]+' '/Socket errors:/ { print $4 + $6 + $8 + $10 }' "$out" | grep . || echo 0)"
}
to_ms() { awk '{ v = $1; if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else if (v ~ /m$/) print v * 60000; else print v * 1000 }' <<< "$1"; }
if wanted serve; then
  log "2. serving under wrk while importing $OBS_BIG observations into the served store"
  mkdir -p "$WORK/serve"
  fs generate --machines 5000 --files 50000 --observations "$OBS_BIG" --seed 11 --out "$WORK/data/big" > /dev/null
  awk -F, 'NR > 1 && !seen[$(NF - 4)]++ && n++ < 2000 { print $(NF - 4) }' "$A_OBS" > "$WORK/serve/hashes.txt"
  awk -F, 'NR > 1 && !seen[$(NF - 4)]++ && n++ < 200 { print $(NF - 4) }' "$WORK/data/big/observations.csv" > "$WORK/serve/watch.txt"
  mint serve-during- 5000 "$WORK/serve/tokens-during.txt"
  mint serve-alone- 5000 "$WORK/serve/tokens-alone.txt"
  mint serve-watch- 100 "$WORK/serve/tokens-watch.txt"
  cp "$REF_FIRST" "$WORK/serve/store.db"
  serve "$WORK/serve/store.db" "$WORK/logs/serve-server.txt"
  [[ -n $PORT ]] || { tail -20 "$WORK/logs/serve-server.txt"; echo "the server did not start" >&2; exit 1; }
  wrk_run warm "$WORK/serve/tokens-alone.txt" 3
  rm -f "$WORK/serve/stop"
  tool LookupWatch --base "http://127.0.0.1:$PORT" --tokens "$WORK/serve/tokens-watch.txt" \
    --hashes "$WORK/serve/watch.txt" --seconds 900 --stop "$WORK/serve/stop" --label during \
    --results "$RESULTS" > "$WORK/logs/watch.txt" 2>&1 &
  watch_pid=$!
  wrk_run during "$WORK/serve/tokens-during.txt" 900 &
  wrk_pid=$!
  t0=$(ms)
  import_exit=0
  fs import observations "$WORK/data/big/observations.csv" --db "$WORK/serve/store.db" \
    > "$WORK/logs/serve-import.txt" 2>&1 || import_exit=$?
  t1=$(ms)
  kill -INT $(pgrep -P "$wrk_pid") 2> /dev/null || true # wrk prints its figures on SIGINT
  wait "$wrk_pid" || true
  touch "$WORK/serve/stop"; wait "$watch_pid" || true
  seconds=$(( (t1 - t0 + 999) / 1000 ))
  put serve.import_exit "$import_exit"; put serve.import_seconds "$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1000 }')"
  wrk_record during
  log "the same wrk run without an import, ${seconds}s"
  wrk_run alone "$WORK/serve/tokens-alone.txt" "$seconds"
  wrk_record alone
  put serve.p99_ratio "$(awk -v a="$(to_ms "$(val serve.during.p99)")" -v b="$(to_ms "$(val serve.alone.p99)")" 'BEGIN { printf "%.2f", a / b }')"
  put serve.5xx_metrics "$(answers_5xx)"
  stop "$SERVER_PID"
  put serve.log_stack_traces "$(grep -c $'^\tat ' "$WORK/logs/serve-server.txt" || true)"
fi

# --- 3. store faults while serving ---------------------------------------------------------------
# fault_serve NAME DB [prefix command...]: serves DB (as the prefix's user), records whether it
# started, /health/ready and a lookup, or its exit code and first line when it did not start.
fault_serve() {
  local name=$1 db=$2; shift 2
  local out="$WORK/logs/fault-$name.txt"
  : > "$out"
  "$@" java "${SERVER_OPTS[@]}" -jar "$JAR" serve --db "$db" --jwks "$WORK/keys/jwks.json" \
    --tenant "$TENANT" --bind 127.0.0.1 --port 0 > "$out" 2>&1 &
  SERVER_PID=$!; SERVER_PIDS+=("$SERVER_PID"); PORT=""
  for _ in $(seq 1 300); do
    PORT=$(sed -n 's/^filesight serving on port //p' "$out" | head -1)
    [[ -n $PORT ]] && break
    kill -0 "$SERVER_PID" 2> /dev/null || break
    sleep 0.1
  done
  if [[ -z $PORT ]]; then
    local exit=0; wait "$SERVER_PID" || exit=$?
    put "faults.$name.serve" "exit $exit: $(grep -m1 -E 'ERROR|filesight:|Exception' "$out" | cut -c1-400)"
    return 1
  fi
}
fault_answers() { # NAME: /health/ready and three lookups, as status and message
  put "faults.$1.ready" "$(probe /health/ready | cut -c1-120)"
  local statuses=""
  for _ in 1 2 3; do statuses+="$(probe "/api/files/$HASH/machines" "$(sed -n 1p "$WORK/faults/tokens.txt")" | cut -d' ' -f1) "; done
  put "faults.$1.lookups" "$statuses"
  put "faults.$1.lookup" "$(probe "/api/files/$HASH/machines" "$(sed -n 2p "$WORK/faults/tokens.txt")" | cut -c1-300)"
}
fault_import() { # NAME DB FILE [prefix command...]: an import's exit code, stderr lines and first line
  local name=$1 db=$2 file=$3; shift 3
  local exit=0 t0 t1; t0=$(ms)
  "$@" java -jar "$JAR" import observations "$file" --db "$db" --batch-size "$BATCH" \
    > "$WORK/logs/fault-import-$name.out" 2> "$WORK/logs/fault-import-$name.txt" || exit=$?
  t1=$(ms)
  put "faults.$name.import" "exit $exit after $((t1 - t0)) ms, $(wc -l < "$WORK/logs/fault-import-$name.txt") stderr lines: $(first_line "$WORK/logs/fault-import-$name.txt")"
}
try_mount() { # DIR SIZE [ro]
  mkdir -p "$1"
  if mount -t tmpfs -o "size=$2" tmpfs "$1" 2> "$WORK/logs/mount.txt"; then MOUNTS+=("$1"); return 0; fi
  return 1
}
if wanted faults; then
  log "3. store faults while serving: deleted, replaced, read-only, disk full, another writer's lock, corrupt"
  F="$WORK/faults"; mkdir -p "$F"
  mint fault- 20 "$F/tokens.txt"
  T1=$(sed -n 1p "$F/tokens.txt")

  cp "$REF_FIRST" "$F/deleted.db"
  if fault_serve deleted "$F/deleted.db"; then
    put faults.deleted.before "$(probe "/api/files/$HASH/machines" "$T1" | cut -d' ' -f1)"
    rm -f "$F/deleted.db"; sleep 3
    fault_answers deleted; stop "$SERVER_PID"
  fi

  cp "$REF_FIRST" "$F/replaced.db"
  if fault_serve replaced "$F/replaced.db"; then
    put faults.replaced.before "$(probe "/api/files/$HASH/machines" "$T1" | cut -d' ' -f1)"
    cp "$REF_LATER" "$F/replaced.new" && mv "$F/replaced.new" "$F/replaced.db"; sleep 3
    fault_answers replaced; stop "$SERVER_PID"
  fi

  # Root ignores file modes: the server runs as nobody on a root-owned store in a root-owned directory.
  mkdir -p "$F/ro-user" && cp "$REF_FIRST" "$F/ro-user/store.db" && chmod 755 "$F/ro-user" && chmod 644 "$F/ro-user/store.db"
  chmod 755 "$WORK" "$WORK/keys" "$WORK/data" "$WORK/data/b" "$F"; chmod 644 "$WORK/keys/jwks.json" "$B_OBS"
  if fault_serve ro-user "$F/ro-user/store.db" runuser -u nobody --; then
    fault_answers ro-user; stop "$SERVER_PID"
  fi
  fault_import ro-user "$F/ro-user/store.db" "$B_OBS" runuser -u nobody --

  # Only the directory read-only: the file writable by all.
  mkdir -p "$F/ro-dir" && cp "$REF_FIRST" "$F/ro-dir/store.db" && chmod 755 "$F/ro-dir" && chmod 666 "$F/ro-dir/store.db"
  fault_serve ro-dir "$F/ro-dir/store.db" runuser -u nobody -- && { fault_answers ro-dir; stop "$SERVER_PID"; }
  fault_import ro-dir "$F/ro-dir/store.db" "$B_OBS" runuser -u nobody --

  # Only the file read-only: the directory writable by all.
  mkdir -p "$F/ro-file" && cp "$REF_FIRST" "$F/ro-file/store.db" && chmod 777 "$F/ro-file" && chmod 644 "$F/ro-file/store.db"
  fault_import ro-file "$F/ro-file/store.db" "$B_OBS" runuser -u nobody --

  # A stale -shm of another user (root) beside a store that nobody may write: copied while a
  # process had the store open, left behind when it closed.
  mkdir -p "$F/shm" && cp "$REF_FIRST" "$F/shm/store.db" && chmod 777 "$F/shm" && chmod 666 "$F/shm/store.db"
  tool HoldWriteLock --db "$F/shm/store.db" --seconds 2 > "$F/shm-lock.txt" 2>&1 &
  shm_pid=$!
  for _ in $(seq 1 100); do grep -q locked "$F/shm-lock.txt" 2> /dev/null && break; sleep 0.1; done
  cp "$F/shm/store.db-shm" "$F/shm/shm-copy"; wait "$shm_pid" || true
  mv "$F/shm/shm-copy" "$F/shm/store.db-shm"; chmod 644 "$F/shm/store.db-shm"
  if fault_serve stale-shm "$F/shm/store.db" runuser -u nobody --; then
    fault_answers stale-shm; stop "$SERVER_PID"
  fi
  fault_import stale-shm "$F/shm/store.db" "$B_OBS" runuser -u nobody --

  bytes=$(stat -c %s "$REF_FIRST")
  if try_mount "$F/ro-mount" "$((bytes * 2 / 1024 + 4096))k"; then
    put faults.mount "tmpfs mounts work here"
    cp "$REF_FIRST" "$F/ro-mount/store.db"
    mount -o remount,ro "$F/ro-mount"
    if fault_serve ro-mount "$F/ro-mount/store.db"; then fault_answers ro-mount; stop "$SERVER_PID"; fi
    fault_import ro-mount "$F/ro-mount/store.db" "$B_OBS"
    umount "$F/ro-mount"

    # Disk full: a first import into a tmpfs that holds 40 % of the finished store.
    try_mount "$F/full" "$((bytes * 4 / 10 / 1024))k"
    fs import machines "$A_MACHINES" --db "$F/full/store.db" > /dev/null 2>&1 || true
    fault_import disk-full "$F/full/store.db" "$A_OBS"
    verify=0; fs verify --db "$F/full/store.db" > /dev/null 2> "$WORK/logs/fault-full-verify.txt" || verify=$?
    put faults.disk-full.verify_exit "$verify"
    put faults.disk-full.committed_check "$(tool ImportKillCheck --db "$F/full/store.db" --csv "$A_OBS" --state "$F/full.state" --kind first \
    --final-pairs "$(field observations "$REF_FIRST_DIGEST")" 2>&1 | tail -1)"
    if fault_serve disk-full "$F/full/store.db"; then fault_answers disk-full; stop "$SERVER_PID"; fi
    umount "$F/full"

    # The temporary directory full: the store on a roomy disk, SQLite's temporary files on 1 MB.
    try_mount "$F/tmp" 1m
    cp "$REF_FIRST" "$F/tmpfull.db"
    fault_import tmp-full "$F/tmpfull.db" "$B_OBS" env SQLITE_TMPDIR="$F/tmp" TMPDIR="$F/tmp"
    umount "$F/tmp"
  else
    put faults.mount "n/a: mount -t tmpfs is not permitted here ($(head -1 "$WORK/logs/mount.txt")); read-only mount, disk full and temporary directory full not measured"
  fi

  # Another process holds the write lock while a server starts, then while an import runs.
  put faults.locked.lock_seconds "$LOCK_SECONDS"
  cp "$REF_FIRST" "$F/locked.db"
  hold_lock() {
    tool HoldWriteLock --db "$F/locked.db" --seconds "$LOCK_SECONDS" > "$F/lock.txt" 2>&1 &
    lock_pid=$!
    for _ in $(seq 1 100); do grep -q locked "$F/lock.txt" 2> /dev/null && break; sleep 0.1; done
  }
  hold_lock
  t0=$(ms)
  if fault_serve locked "$F/locked.db"; then
    t1=$(ms)
    put faults.locked.serving_after_ms "$((t1 - t0))"
    put faults.locked.live "$(probe /health/live | cut -c1-120)"
    fault_answers locked
    put faults.locked.lock_still_held "$(kill -0 "$lock_pid" 2> /dev/null && echo yes || echo no)"
    stop "$SERVER_PID"
  fi
  wait "$lock_pid" || true
  hold_lock
  fault_import locked "$F/locked.db" "$B_OBS"
  put faults.locked.import_vs_lock "$(kill -0 "$lock_pid" 2> /dev/null && echo 'the import ended while the lock was held' || echo 'the import ended after the lock was released')"
  wait "$lock_pid" || true

  # A damaged page in the middle of a store.
  cp "$REF_FIRST" "$F/corrupt.db"
  pages=$(( $(stat -c %s "$F/corrupt.db") / 4096 ))
  dd if=/dev/urandom of="$F/corrupt.db" bs=4096 seek=$((pages / 2)) count=4 conv=notrunc status=none
  verify=0; fs verify --db "$F/corrupt.db" > /dev/null 2> "$WORK/logs/fault-corrupt-verify.txt" || verify=$?
  put faults.corrupt.verify "exit $verify: $(first_line "$WORK/logs/fault-corrupt-verify.txt")"
  if fault_serve corrupt "$F/corrupt.db"; then fault_answers corrupt; stop "$SERVER_PID"; fi
  put faults.log_stack_traces "$(cat "$WORK"/logs/fault-*.txt | grep -c $'^\tat ' || true)"
fi

# --- 4. raw-HTTP abuse and the long fuzz run -----------------------------------------------------
if wanted abuse; then
  log "4. raw-HTTP abuse (header timeout ${HEADER_TIMEOUT}s) and HostileRequestsFuzzTest with $FUZZ_CASES cases per target"
  mkdir -p "$WORK/abuse"
  mint abuse- 300 "$WORK/abuse/tokens.txt"
  cp "$REF_FIRST" "$WORK/abuse/store.db"
  serve "$WORK/abuse/store.db" "$WORK/logs/abuse-server.txt" --header-timeout "${HEADER_TIMEOUT}s"
  [[ -n $PORT ]] || { tail -20 "$WORK/logs/abuse-server.txt"; echo "the server did not start" >&2; exit 1; }
  abuse() { tool RawAbuse --port "$PORT" --tokens "$WORK/abuse/tokens.txt" --hash "$HASH" --results "$RESULTS" "$@"; }
  # Each kind starts at its own token: no application makes more than 90 calls in the minute.
  abuse --kind smuggling --first-token 0
  abuse --kind pipelining --count "$PIPELINED" --first-token 10
  abuse --kind oversized --first-token 20
  abuse --kind random-ids --count "$RANDOM_IDS" --first-token 30
  abuse --kind idle --count "$IDLE" --seconds $((HEADER_TIMEOUT + 5)) --first-token 200
  abuse --kind slowloris --count "$SLOW" --seconds $((HEADER_TIMEOUT + 5)) --first-token 210
  put abuse.5xx_metrics "$(answers_5xx)"
  stop "$SERVER_PID"
  put abuse.log_stack_traces "$(grep -c $'^\tat ' "$WORK/logs/abuse-server.txt" || true)"
  put abuse.log_errors "$(grep -c ' ERROR ' "$WORK/logs/abuse-server.txt" || true)"
  put abuse.log_header_timeouts "$(grep -c 'LateHeaders' "$WORK/logs/abuse-server.txt" || true)"

  # Overload: far more connections than the server handles or queues, on a small heap.
  log "4b. overload: wrk -c$OVERLOAD_CONNECTIONS for ${OVERLOAD_SECONDS}s against --max-concurrent-requests 8 --max-queued-requests 32"
  mint overload- 5000 "$WORK/abuse/tokens-overload.txt"
  awk -F, 'NR > 1 && !seen[$(NF - 4)]++ && n++ < 2000 { print $(NF - 4) }' "$A_OBS" > "$WORK/abuse/hashes.txt"
  saved_opts=("${SERVER_OPTS[@]}")
  SERVER_OPTS+=("-Xlog:gc:file=$WORK/logs/overload-gc.txt")
  serve "$WORK/abuse/store.db" "$WORK/logs/overload-server.txt" --max-concurrent-requests 8 --max-queued-requests 32
  SERVER_OPTS=("${saved_opts[@]}")
  [[ -n $PORT ]] || { tail -20 "$WORK/logs/overload-server.txt"; echo "the server did not start" >&2; exit 1; }
  FILES="$WORK/abuse/hashes.txt" TOKENS="$WORK/abuse/tokens-overload.txt" THREADS=2 \
    wrk -t2 -c"$OVERLOAD_CONNECTIONS" -d"${OVERLOAD_SECONDS}s" --timeout 10s --latency \
    -s "$ROOT/benchmarks/wrk-requests.lua" "http://127.0.0.1:$PORT" > "$WORK/logs/wrk-overload.txt" 2>&1 &
  wrk_pid=$!
  # /health/live once a second while wrk runs (after its connections are up), as a kubelet would ask it:
  # a container is restarted after 3 consecutive probes fail (failureThreshold 3, timeoutSeconds 1).
  sleep 2
  : > "$WORK/logs/overload-live.txt"
  for ((i = 0; i < OVERLOAD_SECONDS - 4; i++)); do
    curl -s -o /dev/null -m 10 -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$PORT/health/live" \
      >> "$WORK/logs/overload-live.txt" || echo "000 10" >> "$WORK/logs/overload-live.txt"
    sleep 1
  done
  put abuse.overload.live_during "$(sort -k2 -g "$WORK/logs/overload-live.txt" | awk '
    { t[NR] = $2; if ($1 != 200) bad++ }
    END { printf "%d probes, %d not 200, p50 %.2f s, max %.2f s", NR, bad, t[int((NR + 1) / 2)], t[NR] }')"
  put abuse.overload.live_slow "$(awk '
    { slow = ($1 != 200 || $2 >= 1); if (slow) { n++; run++; if (run > longest) longest = run } else run = 0 }
    END { printf "%d %d", n, longest }' "$WORK/logs/overload-live.txt")"
  wait "$wrk_pid" || true
  o="$WORK/logs/wrk-overload.txt"
  put abuse.overload.requests "$(awk '/requests in/ { print $1 }' "$o")"
  put abuse.overload.socket_errors "$(grep 'Socket errors:' "$o" | sed 's/^ *Socket errors: *//' || echo none)"
  tool HttpProbe --url "http://127.0.0.1:$PORT/metrics" --body "$WORK/metrics.txt" > /dev/null
  put abuse.overload.by_status "$(awk '/^http_server_requests_seconds_count/ { match($0, /status="[0-9]+"/); s = substr($0, RSTART + 8, 3); n[s] += $NF } END { for (k in n) printf "%s=%d ", k, n[k] }' "$WORK/metrics.txt")"
  put abuse.overload.503 "$(awk '/^http_server_requests_seconds_count/ && /status="503"/ { n += $NF } END { print n + 0 }' "$WORK/metrics.txt")"
  put abuse.overload.5xx_not_503 "$(awk '/^http_server_requests_seconds_count/ && /status="5[0-9][0-9]"/ && !/status="503"/ { n += $NF } END { print n + 0 }' "$WORK/metrics.txt")"
  put abuse.overload.shed "$(awk '/^filesight_http_shed_requests_total/ { n += $NF } END { print n + 0 }' "$WORK/metrics.txt")"
  # The heap from G1's log: the most in use before a collection, and the most left after one.
  put abuse.overload.heap_peak_mb "$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$WORK/logs/overload-gc.txt" | awk -F'[M>(-]+' '{ if ($1 > a) a = $1; if ($2 > b) b = $2; m = $3 } END { printf "%d before a collection, %d after one (committed %d)", a, b, m }')"
  put abuse.overload.oom "$(grep -c 'OutOfMemoryError' "$WORK/logs/overload-server.txt" || true)"
  FILES="$WORK/abuse/hashes.txt" TOKENS="$WORK/abuse/tokens-overload.txt" THREADS=2 \
    wrk -t2 -c32 -d5s --timeout 10s --latency -s "$ROOT/benchmarks/wrk-requests.lua" \
    "http://127.0.0.1:$PORT" > "$WORK/logs/wrk-overload-after.txt" 2>&1 || true
  put abuse.overload.after "$(awk '/Requests\/sec:/ { r = $2 } $1 == "99%" { p = $2 } /Non-2xx/ { e = $NF } END { printf "%s req/s, p99 %s, non-2xx %d", r, p, e }' "$WORK/logs/wrk-overload-after.txt")"
  t0=$(ms); stop "$SERVER_PID"; t1=$(ms)
  put abuse.overload.sigterm_ms "$((t1 - t0))"
  put abuse.overload.log_stack_traces "$(grep -c $'^\tat ' "$WORK/logs/overload-server.txt" || true)"

  fuzz_exit=0
  (cd "$ROOT" && mvn -B "${MVN_ARGS[@]}" -pl bootstrap -am test -Dtest=HostileRequestsFuzzTest \
    -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dspotless.apply.skip=true -Djacoco.skip=true \
    -Dfilesight.fuzz.cases="$FUZZ_CASES") > "$WORK/logs/fuzz.txt" 2>&1 || fuzz_exit=$?
  put fuzz.exit "$fuzz_exit"
  put fuzz.cases_per_target "$FUZZ_CASES"
  report="$ROOT/bootstrap/target/surefire-reports/TEST-io.filesight.bootstrap.HostileRequestsFuzzTest.xml"
  grep -o 'HostileRequestsFuzzTest: [a-z ]*: [0-9]* cases in [0-9]* ms, answers by status {[^}]*}' "$report" \
    | sed 's/^HostileRequestsFuzzTest: //' > "$WORK/abuse/fuzz.txt" || true
  while IFS= read -r line; do put "fuzz.target.${line%%:*}" "${line#*: }"; done < "$WORK/abuse/fuzz.txt"
  put fuzz.cases "$(awk -F': ' '{ split($2, a, " "); n += a[1] } END { print n + 0 }' "$WORK/abuse/fuzz.txt")"
  put fuzz.5xx "$(grep -o '5[0-9][0-9]=[0-9]*' "$WORK/abuse/fuzz.txt" | grep -v '^505=' | awk -F= '{ n += $2 } END { print n + 0 }')"
  put fuzz.505 "$(grep -o '505=[0-9]*' "$WORK/abuse/fuzz.txt" | awk -F= '{ n += $2 } END { print n + 0 }')"
  put fuzz.failures "$(grep -o 'Tests run: [0-9]*, Failures: [0-9]*, Errors: [0-9]*' "$WORK/logs/fuzz.txt" | tail -1)"
fi

# --- 5. quota bursts -----------------------------------------------------------------------------
if wanted quota; then
  log "5. quota bursts: $QUOTA_APPS applications, $QUOTA_CALLS concurrent calls each"
  mkdir -p "$WORK/quota"
  mint quota-app- "$QUOTA_APPS" "$WORK/quota/tokens.txt"
  cp "$REF_FIRST" "$WORK/quota/store.db"
  serve "$WORK/quota/store.db" "$WORK/logs/quota-server.txt"
  [[ -n $PORT ]] || { tail -20 "$WORK/logs/quota-server.txt"; echo "the server did not start" >&2; exit 1; }
  tool QuotaBurst --base "http://127.0.0.1:$PORT" --tokens "$WORK/quota/tokens.txt" \
    --calls "$QUOTA_CALLS" --hash "$HASH" --threads 64 --results "$RESULTS"
  put quota.5xx_metrics "$(answers_5xx)"
  stop "$SERVER_PID"
fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$WORK/machine.txt"
log "writing RELIABILITY.md"
MODE="$MODE" SECTIONS="${SECTIONS[*]}" RESULTS="$RESULTS" WORK="$WORK" \
  KILLS_PER_SERIES="$KILLS_PER_SERIES" BATCH="$BATCH" OBS_A="$OBS_A" OBS_B="$OBS_B" OBS_BIG="$OBS_BIG" \
  HEADER_TIMEOUT="$HEADER_TIMEOUT" OVERLOAD_CONNECTIONS="$OVERLOAD_CONNECTIONS" OVERLOAD_SECONDS="$OVERLOAD_SECONDS" IDLE="$IDLE" SLOW="$SLOW" QUOTA_APPS="$QUOTA_APPS" QUOTA_CALLS="$QUOTA_CALLS" \
  "$REL/report.sh" > "$WORK/RELIABILITY.md"
# Paths of the machine that ran it mean nothing to a reader: the run directory becomes <run>.
sed -e "s#$WORK#<run>#g" -e "s#$ROOT/##g" -e 's#/tmp/junit[0-9]*#<junit temporary directory>#g' \
  "$WORK/RELIABILITY.md" > "$ROOT/RELIABILITY.md"
echo "raw figures: $RESULTS; logs: $WORK/logs; report written to RELIABILITY.md"
