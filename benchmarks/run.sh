#!/usr/bin/env bash
# Runs every benchmark of issue 7 and prints one table: each figure, its baseline measured in the
# same run, the ratio, the target and whether it is met. Writes the table and the machine into
# BENCHMARKS.md (between the results markers).
#
# Usage: benchmarks/run.sh [--quick | --import] [--postgres]
#   full:       stores of 10k / 1M / 10M observations (100k machines in the largest), ~8 min on 2 cores
#   --quick:    stores of 10k / 100k / 1M observations (20k machines), short runs, ~3 min
#   --import:   benchmark 6 alone, as the full run measures it (the 10M store and its baseline), and
#               its ratio printed instead of written to BENCHMARKS.md, ~4 min
#   --postgres: the PostgreSQL column instead: the largest store (reused when a run left it) copied
#               into a local PostgreSQL cluster this script starts (the Debian package's binaries,
#               installed when missing); written to BENCHMARKS.md's PostgreSQL section, ~15 min
# Environment: BENCH_DIR (default benchmarks/target/run) holds the data, logs and raw results;
# every loop below is bounded in count and time, and everything listens on 127.0.0.1 only.
set -euo pipefail

MODE=full
IMPORT_ONLY=no
POSTGRES=no
for argument in "$@"; do
  case $argument in
    --quick) MODE=quick ;;
    --import) IMPORT_ONLY=yes ;;
    --postgres) POSTGRES=yes ;;
    *) echo "usage: $0 [--quick | --import] [--postgres]" >&2; exit 2 ;;
  esac
done
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/benchmarks"
WORK="${BENCH_DIR:-$BENCH/target/run}"
TENANT=8f7c3a2e-0000-4000-8000-00000000be7c
RESULTS="$WORK/results.properties"
JAVA_SERVER_OPTS=(-Xmx256m -XX:+UseG1GC)

if [[ $MODE == full ]]; then
  STORES=(10k 1M 10M)
  declare -A OBS=([10k]=10000 [1M]=1000000 [10M]=10000000)
  declare -A MACHINES=([10k]=1000 [1M]=10000 [10M]=100000)
  declare -A FILES=([10k]=1000 [1M]=50000 [10M]=500000)
  JMH=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
  WRK_WARM=20; WRK_SECONDS=15; LAT_RATE=1000; LAT_SECONDS=60; LAT_WARM=10; FOOT_SECONDS=10
  BARE_LAT_SECONDS=30 # the baseline's percentiles settle sooner; the budget is 15 minutes
else
  STORES=(10k 100k 1M)
  declare -A OBS=([10k]=10000 [100k]=100000 [1M]=1000000)
  declare -A MACHINES=([10k]=1000 [100k]=5000 [1M]=20000)
  declare -A FILES=([10k]=1000 [100k]=10000 [1M]=50000)
  JMH=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  WRK_WARM=5; WRK_SECONDS=5; LAT_RATE=1000; LAT_SECONDS=10; LAT_WARM=5; FOOT_SECONDS=3
  BARE_LAT_SECONDS=10
fi
LARGE=${STORES[2]}
log() { printf '\n== %s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# --- tools -------------------------------------------------------------------------------------
need_package() { # command, Debian package
  command -v "$1" >/dev/null && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "installing $2 (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
  command -v "$1" >/dev/null && return 0
  echo "WARNING: $1 is missing and cannot be installed here (needs root and apt-get):" \
    "install the Debian package $2; the benchmarks that need it are reported as n/a" >&2
  return 1
}
HAVE_WRK=yes; need_package wrk wrk || HAVE_WRK=no
HAVE_SQLITE=yes; need_package sqlite3 sqlite3 || HAVE_SQLITE=no
if [[ $POSTGRES == yes ]]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -z $PGBIN ]]; then
    need_package /usr/lib/postgresql/15/bin/initdb postgresql || true
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  fi
  [[ -n $PGBIN ]] && command -v psql >/dev/null || {
    echo "PostgreSQL is missing (Debian package postgresql) and cannot be installed here" >&2; exit 1; }
fi
command -v java >/dev/null && command -v mvn >/dev/null || { echo "java and mvn are required" >&2; exit 1; }

# --- build -------------------------------------------------------------------------------------
log "building (mvn -Pbenchmarks -DskipTests package, formatting skipped: a run must not rewrite sources)"
(cd "$ROOT" && mvn -B -q -Pbenchmarks -DskipTests -Dspotless.apply.skip=true package)
# bootstrap's jar is the shaded one, holding every module again: the module jars come first.
deps=$(tr ':' '\n' < "$BENCH/target/classpath.txt")
CP="$BENCH/target/classes:$(grep -v '/filesight.jar$' <<< "$deps" | paste -sd:):$(grep '/filesight.jar$' <<< "$deps")"
JAR="$ROOT/bootstrap/target/filesight.jar"
[[ -f $JAR ]] || { echo "the build left no $JAR" >&2; exit 1; }
run_java() { java -cp "$CP" "$@"; }

rm -rf "$WORK/logs" "$RESULTS" "$WORK"/jmh*.csv && mkdir -p "$WORK/logs" "$WORK/stores"
SERVER_PID=""
stop_server() { # stops the server started last, waiting at most 30 s for it to exit
  [[ -z $SERVER_PID ]] && return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() { stop_server; }
trap cleanup EXIT

# --- steps the SQLite and PostgreSQL runs share ----------------------------------------------
jmh() { # Class.method output param=value...
  local benchmark=$1 output=$2; shift 2
  local params=(); for param in "$@"; do params+=(-p "$param"); done
  run_java org.openjdk.jmh.Main "$benchmark\$" "${JMH[@]}" -jvmArgs "-Xmx1g" "${params[@]}" \
    -rf csv -rff "$output" >> "$WORK/logs/jmh.txt" 2>&1 || { tail -40 "$WORK/logs/jmh.txt"; exit 1; }
}
start_benchmark_server() { # extra BenchmarkServer arguments...
  java -jar "$JAR" keygen --out "$WORK/keys" > /dev/null
  rm -f "$WORK/ports"
  java "${JAVA_SERVER_OPTS[@]}" -cp "$CP" io.filesight.benchmarks.BenchmarkServer --store "$BIG" \
    --keys "$WORK/keys" --tenant "$TENANT" --ports "$WORK/ports" "$@" > "$WORK/logs/server.txt" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do [[ -f $WORK/ports ]] && break; kill -0 $SERVER_PID || break; sleep 0.2; done
  [[ -f $WORK/ports ]] || { tail -30 "$WORK/logs/server.txt"; echo "the benchmark server did not start" >&2; exit 1; }
  FS_PORT=$(sed -n 's/^filesight=//p' "$WORK/ports"); BARE_PORT=$(sed -n 's/^bare=//p' "$WORK/ports")
  FS="http://127.0.0.1:$FS_PORT"; BARE="http://127.0.0.1:$BARE_PORT"
}
mint() { # prefix count file
  run_java io.filesight.benchmarks.MintTokens --keys "$WORK/keys" --tenant "$TENANT" \
    --prefix "$1" --count "$2" --out "$3"
}
wrk_run() { # label url seconds tokens
  FILES="$BIG/files.txt" TOKENS="$4" THREADS=2 \
    wrk -t2 -c64 -d"$3s" --timeout 10s -s "$BENCH/wrk-requests.lua" "$2" > "$WORK/logs/wrk-$1.txt" 2>&1
}
wrk_record() { # label
  local out="$WORK/logs/wrk-$1.txt"
  awk '/Requests\/sec:/ { print "wrk.'"$1"'.rps=" $2 }' "$out"
  awk '/Non-2xx or 3xx responses:/ { print "wrk.'"$1"'.non2xx=" $NF }' "$out"
  awk -F'[ ,]+' '/Socket errors:/ { print "wrk.'"$1"'.errors=" $4 + $6 + $8 + $10 }' "$out"
  grep -q 'Non-2xx' "$out" || echo "wrk.$1.non2xx=0"
  grep -q 'Socket errors' "$out" || echo "wrk.$1.errors=0"
}
throughput() { # benchmark 3 against the running benchmark server
  if [[ $HAVE_WRK == yes ]]; then
    log "benchmark 3: wrk, 64 connections, ${WRK_SECONDS}s each (after ${WRK_WARM}s warm-up)"
    mint wrk-bare 64 "$WORK/tokens-bare.txt"
    wrk_run bare-warm "$BARE" "$WRK_WARM" "$WORK/tokens-bare.txt"
    wrk_run bare "$BARE" "$WRK_SECONDS" "$WORK/tokens-bare.txt"
    wrk_record bare | tee -a "$RESULTS"
    # Spread filesight's calls so that no application exceeds 90 calls in the run (the quota is 100
    # per minute): the bare route's rate bounds filesight's. Capped below the verified-token cache.
    bare_rps=$(sed -n 's/^wrk.bare.rps=//p' "$RESULTS")
    wrk_tokens=$(awk -v r="$bare_rps" -v s=$((WRK_WARM + WRK_SECONDS)) \
      'BEGIN { n = int(r * s / 90) + 64; if (n > 9000) n = 9000; print n }')
    log "minting $wrk_tokens application tokens for the filesight run"
    mint wrk-app- "$wrk_tokens" "$WORK/tokens-wrk.txt"
    echo "wrk.tokens=$wrk_tokens" >> "$RESULTS"
    wrk_run filesight-warm "$FS" "$WRK_WARM" "$WORK/tokens-wrk.txt"
    sleep 1
    wrk_run filesight "$FS" "$WRK_SECONDS" "$WORK/tokens-wrk.txt"
    wrk_record filesight | tee -a "$RESULTS"
    echo "rss.benchmark_server_mb=$(awk '/VmRSS/ { print $2 / 1024 }' /proc/$SERVER_PID/status)" | tee -a "$RESULTS"
  fi
}
latency() { # benchmark 4 against the running benchmark server
  log "benchmark 4: open model, $LAT_RATE req/s for ${LAT_SECONDS}s (after ${LAT_WARM}s), bare then filesight"
  # Round-robin over N tokens: each application gets 60 * rate / N calls per minute; keep it <= 60.
  mint latency-app- $((LAT_RATE + 64)) "$WORK/tokens-latency.txt"
  printf 'latency.rate=%s\nlatency.seconds=%s\nlatency.bare_seconds=%s\n' "$LAT_RATE" "$LAT_SECONDS" \
    "$BARE_LAT_SECONDS" >> "$RESULTS"
  # The bare route first: a saturated filesight would leave queued requests behind in the process.
  for target in bare filesight; do
    url=$FS; seconds=$LAT_SECONDS
    [[ $target == bare ]] && url=$BARE && seconds=$BARE_LAT_SECONDS
    run_java -Xmx512m io.filesight.benchmarks.LoadGenerator --base "$url" --files "$BIG/files.txt" \
      --tokens "$WORK/tokens-latency.txt" --rate "$LAT_RATE" --seconds "$seconds" \
      --warmup "$LAT_WARM" --label "$target" --results "$RESULTS"
  done
}

{
  echo "mode:   $MODE"
  echo "cores:  $(nproc)"
  echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  java -version 2>&1 | sed 's/^/java:   /'
  [[ $HAVE_WRK == yes ]] && echo "wrk:    $(wrk -v 2>&1 | head -1)"
  [[ $HAVE_SQLITE == yes ]] && echo "sqlite3: $(sqlite3 --version | cut -d' ' -f1)"
  echo "server JVM: ${JAVA_SERVER_OPTS[*]}"
  echo "load average at start (other work on the machine skews every figure): $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$WORK/machine.txt"
cat "$WORK/machine.txt"

# --- data, and benchmark 6 (import) --------------------------------------------------------------
for store in "${STORES[@]}"; do
  [[ ($IMPORT_ONLY == yes || $POSTGRES == yes) && $store != "$LARGE" ]] && continue
  reusable=yes
  for file in files.txt hot.txt probes.txt data/machines.jsonl data/access.json data/observations.csv data/probes.csv; do
    [[ -f $WORK/stores/$store/$file ]] || reusable=no
  done
  if [[ $POSTGRES == yes && $reusable == yes ]]; then
    log "store $store: reusing $WORK/stores/$store"; continue
  fi
  log "store $store: generating and importing ${OBS[$store]} observations (${MACHINES[$store]} machines)"
  hot=false; [[ $store == "$LARGE" ]] && hot=true
  run_java -Xmx1g io.filesight.benchmarks.BenchmarkData --dir "$WORK/stores/$store" \
    --label "$store" --machines "${MACHINES[$store]}" --files "${FILES[$store]}" \
    --observations "${OBS[$store]}" --probes 64 --hot "$hot" --results "$RESULTS"
done
echo "hot.machines=${MACHINES[$LARGE]}" >> "$RESULTS"
BIG="$WORK/stores/$LARGE"
if [[ $HAVE_SQLITE == yes && $POSTGRES == no ]]; then
  log "benchmark 6 baseline: sqlite3 .import of the same CSV into a bare table"
  rm -f "$WORK/bare-import.db"
  start=$(date +%s%N)
  sqlite3 "$WORK/bare-import.db" -cmd ".mode csv" ".import $BIG/data/observations.csv observations"
  end=$(date +%s%N)
  rows=$(sqlite3 "$WORK/bare-import.db" "SELECT COUNT(*) FROM observations")
  rm -f "$WORK/bare-import.db"
  awk -v s="$start" -v e="$end" -v r="$rows" 'BEGIN { printf "import.sqlite3.rate=%.1f\n", r / ((e - s) / 1e9) }' \
    | tee -a "$RESULTS"
fi

if [[ $IMPORT_ONLY == yes ]]; then
  awk -F= -v store="$LARGE" '
    $1 == "import." store ".rate" { f = $2 } $1 == "import.sqlite3.rate" { b = $2 }
    END { printf "import of the %s store: %.0f records/s; sqlite3 .import: %.0f records/s; ratio %.2f (target >= 0.5)\n", store, f, b, f / b }
  ' "$RESULTS"
  exit 0
fi

# --- the PostgreSQL column (--postgres) --------------------------------------------------------
if [[ $POSTGRES == yes ]]; then
  PGDATA_DIR="$WORK/pg"; PGPORT=55433; PGHOST=127.0.0.1
  as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  stop_postgres() { as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop > /dev/null 2>&1 || true; }
  trap 'stop_server; stop_postgres' EXIT
  log "starting PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }') in $PGDATA_DIR (port $PGPORT)"
  stop_postgres; rm -rf "$PGDATA_DIR" && mkdir -p "$PGDATA_DIR"
  [[ $(id -u) == 0 ]] && chown postgres "$PGDATA_DIR"
  as_postgres "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 > "$WORK/logs/initdb.txt"
  # Sized for this machine's bulk load; durability as shipped (fsync, synchronous_commit on).
  cat >> "$PGDATA_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '/tmp'
max_connections = 200
shared_buffers = 1GB
max_wal_size = 8GB
CONF
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w start > /dev/null \
    || { tail -20 "$PGDATA_DIR/server.log"; exit 1; }
  export PGUSER=postgres PGPASSWORD=""
  psql_run() { psql -X -q -v ON_ERROR_STOP=1 -h $PGHOST -p $PGPORT -U postgres "$@"; }
  psql_run -d postgres -c "CREATE DATABASE filesight" -c "CREATE DATABASE bare"
  URL="jdbc:postgresql://$PGHOST:$PGPORT/filesight"
  {
    echo "postgres: $("$PGBIN/postgres" --version), local, shared_buffers 1GB, max_wal_size 8GB"
  } >> "$WORK/machine.txt"

  log "benchmark 6 on PostgreSQL: psql \\copy of the same CSV into an unindexed table, then filesight import"
  columns=$(head -1 "$BIG/data/observations.csv" | tr ',' '\n' | awk '{ printf "%sc%d text", (NR > 1 ? ", " : ""), NR }')
  psql_run -d bare -c "CREATE TABLE observations ($columns)"
  start=$(date +%s%N)
  psql_run -d bare -c "\\copy observations FROM '$BIG/data/observations.csv' CSV HEADER"
  end=$(date +%s%N)
  rows=$(psql_run -d bare -At -c "SELECT COUNT(*) FROM observations")
  psql_run -d postgres -c "DROP DATABASE bare"
  awk -v s="$start" -v e="$end" -v r="$rows" 'BEGIN { printf "import.psql.rate=%.1f\n", r / ((e - s) / 1e9) }' \
    | tee -a "$RESULTS"
  run_java -Xmx1g io.filesight.benchmarks.PostgresData --dir "$BIG" --db "$URL" --label pg \
    --results "$RESULTS"

  log "benchmark 1 on PostgreSQL: JMH, the use case and the bare query; the quota ledger per call"
  jmh LookupBenchmark.useCase "$WORK/jmh-pg-use-case.csv" "store=$BIG" "postgres=$URL"
  jmh LookupBenchmark.bareQuery "$WORK/jmh-pg-bare.csv" "store=$BIG" "postgres=$URL"
  jmh QuotaLedgerBenchmark.admit "$WORK/jmh-ledger.csv" "ledger=memory,$URL"
  cat "$WORK"/jmh-pg-use-case.csv "$WORK"/jmh-pg-bare.csv "$WORK"/jmh-ledger.csv > "$WORK/jmh.csv"
  grep -A8 '^Benchmark' "$WORK/logs/jmh.txt" || true

  log "benchmarks 3 and 4 on PostgreSQL, the shared quota ledger in the path"
  start_benchmark_server --db "$URL"
  throughput
  latency
  stop_server

  if [[ $HAVE_WRK == yes ]]; then
    log "the shared ledger's server CPU per request against the in-process one (compare-builds.sh)"
    STORE="$BIG" ARGS_A="--db $URL --ledger memory" ARGS_B="--db $URL" PG_DATA="$PGDATA_DIR" \
      WARM=$WRK_WARM "$BENCH/compare-builds.sh" "$ROOT" "$ROOT" 4 "$WRK_SECONDS" \
      | tee "$WORK/logs/ledger-cpu.txt"
    for x in A B; do # the median round of each server
      awk -v x="$x" '$1 == "round" && $3 == x { print $6 }' "$WORK/logs/ledger-cpu.txt" | sort -n \
        | awk -v name="$([[ $x == A ]] && echo memory || echo shared)" '{ v[NR] = $1 }
          END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print "ledger.cpu." name "_us=" m }'
    done | tee -a "$RESULTS"
    echo "ledger.cpu.rounds=$(grep -c '^round [0-9]* A ' "$WORK/logs/ledger-cpu.txt")" | tee -a "$RESULTS"
  fi

  log "results (PostgreSQL column)"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$WORK/machine.txt"
  run_java io.filesight.benchmarks.ResultsReport --results "$RESULTS" --jmh "$WORK/jmh.csv" \
    --machine "$WORK/machine.txt" --mode "$MODE" --stores "$LARGE" --postgres true \
    --date "$(date -u '+%Y-%m-%d %H:%M UTC')" --out "$ROOT/BENCHMARKS.md"
  echo "raw figures: $RESULTS; logs: $WORK/logs; table written to BENCHMARKS.md"
  exit 0
fi

# --- benchmarks 1 and 2 (JMH) --------------------------------------------------------------------
log "benchmarks 1 and 2: JMH, the use case at ${STORES[*]}, the bare query at ${STORES[0]} and $LARGE"
store_params=$(printf '%s,' "${STORES[@]/#/$WORK/stores/}"); store_params=${store_params%,}
jmh LookupBenchmark.useCase "$WORK/jmh-use-case.csv" "store=$store_params"
jmh LookupBenchmark.bareQuery "$WORK/jmh-bare.csv" "store=$WORK/stores/${STORES[0]},$BIG"
cat "$WORK/jmh-use-case.csv" "$WORK/jmh-bare.csv" > "$WORK/jmh.csv"
grep -A8 '^Benchmark' "$WORK/logs/jmh.txt" || true

# --- the benchmark server (filesight and the bare route in one process) ------------------------
log "starting the benchmark server (filesight + bare route, ${JAVA_SERVER_OPTS[*]})"
start_benchmark_server
# --- benchmark 3 (throughput) --------------------------------------------------------------------
throughput

# --- benchmark 4 (latency at a fixed rate) -------------------------------------------------------
latency

# --- benchmark 5 (hot file) ----------------------------------------------------------------------
log "benchmark 5: hot file on ${MACHINES[$LARGE]} machines, \$top=10000, 16 at once"
mint hot-app- 32 "$WORK/tokens-hot.txt"
run_java io.filesight.benchmarks.HotFileProbe --base "$FS" --file "$(cat "$BIG/hot.txt")" \
  --tokens "$WORK/tokens-hot.txt" --label filesight --results "$RESULTS" --heap "$BARE/bench/heap"
run_java io.filesight.benchmarks.HotFileProbe --base "$BARE" --file "$(cat "$BIG/hot.txt")" \
  --tokens "$WORK/tokens-hot.txt" --label bare --results "$RESULTS"
stop_server

# --- benchmark 7 (footprint: start-up, resident memory after a throughput run) ------------------
log "benchmark 7: start-up and resident memory, filesight serve vs the bare route alone"
footprint() { # label command...
  local label=$1; shift
  run_java io.filesight.benchmarks.StartupProbe --url "http://127.0.0.1:{port}/api/files/$(head -1 "$BIG/probes.txt")/machines" \
    --token "$WORK/tokens-hot.txt" --log "$WORK/logs/footprint-$label.txt" --pid "$WORK/pid" \
    --port "$WORK/port" --label "$label" --results "$RESULTS" -- "$@"
  SERVER_PID=$(cat "$WORK/pid")
  if [[ $HAVE_WRK == yes ]]; then
    wrk_run "footprint-$label" "http://127.0.0.1:$(cat "$WORK/port")" "$FOOT_SECONDS" "$WORK/tokens-wrk.txt"
  fi
  echo "rss.${label}_mb=$(awk '/VmRSS/ { print $2 / 1024 }' /proc/$SERVER_PID/status)" | tee -a "$RESULTS"
  stop_server
}
footprint filesight java "${JAVA_SERVER_OPTS[@]}" -jar "$JAR" serve --db "$BIG/filesight.db" \
  --jwks "$WORK/keys/jwks.json" --tenant "$TENANT" --bind 127.0.0.1 --port "{port}"
footprint bare java "${JAVA_SERVER_OPTS[@]}" -cp "$CP" io.filesight.benchmarks.BareServer \
  --response "$BIG/sample-response.json" --port "{port}"

# --- the table ---------------------------------------------------------------------------------
log "results"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$WORK/machine.txt"
run_java io.filesight.benchmarks.ResultsReport --results "$RESULTS" --jmh "$WORK/jmh.csv" \
  --machine "$WORK/machine.txt" --mode "$MODE" --stores "$(IFS=,; echo "${STORES[*]}")" \
  --date "$(date -u '+%Y-%m-%d %H:%M UTC')" --out "$ROOT/BENCHMARKS.md"
echo "raw figures: $RESULTS; logs: $WORK/logs; table written to BENCHMARKS.md"
