#!/usr/bin/env bash
# Speed of `vbench run --counter valgrind` against Valgrind's own tools (issue 3's goal: within
# 1.3x of `valgrind --tool=none` and at most 0.5x of cachegrind with branch simulation).
#
# Builds the tests' qsort guest, sorts N ints (N=5000000 is about 1 s natively), and times
# natively, `valgrind --tool=none`, cachegrind with branch simulation (with and without its
# default cache simulation) and
# `./vbench run --counter valgrind` (the README's launcher, JVM start-up included) with
# hyperfine, then prints each median and vbench's ratios to the two Valgrind tools.
#
# Usage: docs/bench/counter-valgrind.sh [N] [RUNS]     (default N=5000000, RUNS=7)
# Needs: gcc, valgrind, hyperfine (apt-get install hyperfine), java 17; ./vbench builds the jar.
set -euo pipefail
N=${1:-5000000}
RUNS=${2:-7}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$(mktemp -d /tmp/counter-valgrind.XXXXXX)}
for tool in gcc valgrind hyperfine; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install $tool)" >&2; exit 2; }
done
gcc -O2 -o "$OUT/qsort" "$ROOT/tests/src/test/guests/qsort.c"
cd "$OUT"
"$ROOT/vbench" run --counter valgrind -- /bin/true >/dev/null # build, tool and class archive; errors shown
hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/times.json" \
    -n native "./qsort $N" \
    -n none "valgrind --tool=none ./qsort $N" \
    -n cachegrind "valgrind --tool=cachegrind --branch-sim=yes --cachegrind-out-file=/dev/null ./qsort $N" \
    -n cachegrind-nocache "valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes --cachegrind-out-file=/dev/null ./qsort $N" \
    -n vbench "$ROOT/vbench run --counter valgrind -- ./qsort $N" >/dev/null
python3 - "$OUT/times.json" <<'PY'
import json, statistics, sys
runs = {r["command"]: statistics.median(r["times"]) for r in json.load(open(sys.argv[1]))["results"]}
for name, t in runs.items():
    print(f"{name:11s} {t:6.3f} s")
print(f"vbench / none       {runs['vbench'] / runs['none']:.2f}x  (goal 1.3x)")
print(f"vbench / cachegrind {runs['vbench'] / runs['cachegrind']:.2f}x  (goal 0.5x; cachegrind --branch-sim=yes)")
print(f"vbench / cachegrind without cache simulation {runs['vbench'] / runs['cachegrind-nocache']:.2f}x")
PY
echo "raw timings: $OUT/times.json" >&2
