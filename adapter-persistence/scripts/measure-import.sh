#!/usr/bin/env bash
# Measures importing generated observations into filesight's SQLite store with a 512 MB heap,
# against the sqlite3 shell's .import of the same CSV into a bare table, in the same run.
# Usage: adapter-persistence/scripts/measure-import.sh [OBSERVATIONS] [WORK_DIR]
# Defaults: 10 000 000 observations (20 000 machines, 500 000 files, batches of 1 000 000) in
# /tmp/filesight-measure.
set -euo pipefail

OBSERVATIONS="${1:-10000000}"
WORK="${2:-/tmp/filesight-measure}"
MACHINES="${MACHINES:-20000}"
FILES="${FILES:-500000}"
BATCH="${BATCH:-1000000}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"

command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }

cd "$ROOT"
mvn -B -q -pl adapter-persistence test-compile
mvn -B -q -pl adapter-persistence dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/adapter-persistence/target/measure.classpath" >/dev/null
CP="adapter-persistence/target/test-classes:adapter-persistence/target/classes:$(cat adapter-persistence/target/measure.classpath)"
MAIN=io.filesight.adapter.persistence.imports.ImportMeasurement

rm -rf "$WORK" && mkdir -p "$WORK/data"
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(sqlite3 --version | cut -d' ' -f1)"
echo "== generating $OBSERVATIONS observations ($MACHINES machines, $FILES files)"
java -Xmx512m -cp "$CP" "$MAIN" generate "$WORK/data" "$MACHINES" "$FILES" "$OBSERVATIONS"

echo "== filesight import (-Xmx512m, batch $BATCH)"
/usr/bin/time -v java -Xmx512m -cp "$CP" "$MAIN" import "$WORK/filesight.db" "$WORK/data" "$BATCH" \
  2> "$WORK/time.txt"
grep -E "Maximum resident|Elapsed" "$WORK/time.txt" || true
du -b "$WORK"/filesight.db* | sed 's/^/  /'

echo "== baseline: sqlite3 .import of the same CSV into a bare table (no keys, no indexes)"
start=$(date +%s.%N)
sqlite3 "$WORK/bare.db" -cmd ".mode csv" ".import $WORK/data/observations.csv observations"
end=$(date +%s.%N)
rows=$(sqlite3 "$WORK/bare.db" "SELECT COUNT(*) FROM observations")
awk -v s="$start" -v e="$end" -v r="$rows" \
  'BEGIN { printf "  %d rows in %.1f s: %.0f records/s\n", r, e - s, r / (e - s) }'
du -b "$WORK/bare.db" | sed 's/^/  /'

echo "== lookups on the imported store (query plan, then time per lookup)"
java -Xmx512m -cp "$CP" io.filesight.adapter.persistence.LookupMeasurement "$WORK/filesight.db"
