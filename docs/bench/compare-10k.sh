#!/usr/bin/env bash
# Times the whole `vbench compare` command (JVM start included) on two results of 10,000 benchmarks
# each (16 MB apiece, made by gen-results.py), with the JVM flags ./vbench uses (and its class-data
# archive when ./vbench has made one). Needs hyperfine (apt-get install hyperfine).
# Usage: docs/bench/compare-10k.sh [BENCHMARKS]
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
JAR=$ROOT/bench-runner/target/vbench.jar
N=${1:-10000}
if [[ ! -f $JAR ]]; then
    (cd "$ROOT" && mvn -B -q -DskipTests package)
fi
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 "$ROOT/docs/bench/gen-results.py" "$DIR" "$N"
FLAGS=(-Djnr.ffi.x86asm.enabled=false -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xlog:cds=off)
ARCHIVE=${JAR%.jar}.jsa
[[ -f $ARCHIVE && ! $ARCHIVE -ot $JAR ]] && FLAGS+=(-XX:SharedArchiveFile="$ARCHIVE")
CMD="java ${FLAGS[*]} -jar $JAR compare $DIR/base.json $DIR/new.json"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs; $N benchmarks a side, $(du -h "$DIR/base.json" | cut -f1) each"
# Exit 1 is expected: the second result has 10 regressions per 10,000.
/usr/bin/time -f "one run: %e s wall, %U s user, %S s system, %M KB max RSS" $CMD >/dev/null || true
hyperfine -N --warmup 2 --runs 20 --ignore-failure "$CMD"
