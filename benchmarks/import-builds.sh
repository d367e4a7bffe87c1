#!/usr/bin/env bash
# Import speed of two builds of filesight on the same generated files, in alternating rounds (A, B,
# A, B, ...), each into a fresh database: how a change to the import path compares with the build
# before it, with the shared machine's drift spread over both.
#
# Usage: benchmarks/import-builds.sh JAR_A JAR_B [KIND] [ROUNDS]
#   JAR_A, JAR_B: two runnable jars (bootstrap/target/filesight.jar of two checkouts)
#   KIND: machines (default) or observations
#   Environment: MACHINES (default 200000), OBSERVATIONS (default 2000000, for observations),
#   HEAP (default 512m).
# Prints each round's records/s and the median per build. The files come from JAR_B's generate.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 JAR_A JAR_B [machines|observations] [ROUNDS]" >&2; exit 2; }
JAR_A="$(realpath "$1")"; JAR_B="$(realpath "$2")"; KIND="${3:-machines}"; ROUNDS="${4:-5}"
MACHINES="${MACHINES:-200000}"; OBSERVATIONS="${OBSERVATIONS:-2000000}"; HEAP="${HEAP:-512m}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/benchmarks/target/import-builds"
rm -rf "$WORK" && mkdir -p "$WORK"

if [[ $KIND == machines ]]; then
  java -jar "$JAR_B" generate --machines "$MACHINES" --files 1 --observations 0 --seed 42 \
    --out "$WORK/data" > /dev/null
  FILE="$WORK/data/machines.jsonl"
else
  java -jar "$JAR_B" generate --machines 20000 --files 200000 --observations "$OBSERVATIONS" \
    --seed 42 --out "$WORK/data" > /dev/null
  FILE="$WORK/data/observations.csv"
fi
records=$(wc -l < "$FILE")
[[ $KIND == observations ]] && records=$((records - 1)) # the CSV header
echo "== $KIND: $records records, $(du -h "$FILE" | cut -f1) in $FILE; $(nproc) cores; -Xmx$HEAP"

declare -A RATES=([A]="" [B]="")
declare -A JARS=([A]="$JAR_A" [B]="$JAR_B")
for round in $(seq 1 "$ROUNDS"); do
  for x in A B; do
    db="$WORK/round.db"
    rm -f "$db" "$db-wal" "$db-shm"
    start=$(date +%s.%N)
    java "-Xmx$HEAP" -jar "${JARS[$x]}" import "$KIND" "$FILE" --db "$db" > "$WORK/out-$x.txt"
    end=$(date +%s.%N)
    rate=$(awk -v s="$start" -v e="$end" -v r="$records" 'BEGIN { printf "%.0f", r / (e - s) }')
    RATES[$x]="${RATES[$x]} $rate"
    echo "round $round $x: $rate records/s ($(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }') s, $(cat "$WORK/out-$x.txt"))"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
a=$(echo "${RATES[A]}" | median); b=$(echo "${RATES[B]}" | median)
echo "median A: $a records/s; median B: $b records/s; B/A = $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')"
