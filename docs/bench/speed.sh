#!/usr/bin/env bash
# Issue 15's table in one run: each row's vbench command against its reference, timed with
# hyperfine in the same run, as the ratio of medians next to the row's goal.
#
#   1. per emulated syscall: (getppid 100000 - getppid 0) under `vbench run --counter none`
#      vs the same under `strace -f -o /dev/null`, both pinned with `taskset -c 1`     goal <= 0.7x
#   2. `vbench run --counter none -- /bin/true` vs `java -XX:TieredStopAtLevel=1 -version` goal <= 3x
#   3. qsorts 30 200000 (CPU-bound C) `--counter valgrind` vs `valgrind --tool=none`   goal <= 1.15x
#   4. the same vs `valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes`        goal <= 0.45x
#   5. a small Java program (3 workers on one lock, 22 threads) `--counter valgrind`
#      vs `valgrind --tool=none java ...`                                               goal <= 1.2x
#   6. an OpenMP C program (libgomp's default spin-then-sleep) `--counter valgrind`
#      vs `--counter none`                                                              goal <= 3x
#      Each of its vbench runs is cut at OMP_TIMEOUT (vbench --timeout, default 120s): a row cut
#      short prints its ratio as a lower bound. --no-omp leaves the row out.
#
# Guests: docs/bench/guests (built into OUT). vbench runs through ./vbench, the README's launcher.
# Usage: docs/bench/speed.sh [--no-omp]     env: RUNS (default 5), OMP_TIMEOUT, OUT
# Needs: gcc (with libgomp), valgrind, strace, hyperfine (apt-get install hyperfine), java 17.
set -euo pipefail
OMP=yes
case "${1:-}" in
    --no-omp) OMP=no ;;
    "") ;;
    *) echo "usage: $0 [--no-omp]" >&2; exit 2 ;;
esac
RUNS=${RUNS:-5}
OMP_TIMEOUT=${OMP_TIMEOUT:-120s}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GUESTS="$ROOT/docs/bench/guests"
OUT=${OUT:-$(mktemp -d /tmp/speed.XXXXXX)}
mkdir -p "$OUT"
for tool in gcc javac valgrind strace taskset hyperfine; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install $tool)" >&2; exit 2; }
done
VB="$ROOT/vbench run"
cd "$OUT"
gcc -O2 -o getppid "$GUESTS/getppid.c"
gcc -O2 -o qsorts "$GUESTS/qsorts.c"
gcc -O2 -fopenmp -o omp "$GUESTS/omp.c"
javac -d java "$GUESTS/Threads.java"
$VB --counter valgrind -- /bin/true >/dev/null # build, vbcount and class archive; errors shown

# time NAME RUNS WARMUP [-n LABEL COMMAND]...: hyperfine into NAME.json
time_group() {
    local name=$1 runs=$2 warmup=$3
    shift 3
    echo "== $name" >&2
    hyperfine -i --style basic --runs "$runs" --warmup "$warmup" --export-json "$OUT/$name.json" "$@" >&2
}
time_group syscall "$RUNS" 1 \
    -n vbench "taskset -c 1 $VB --counter none -- ./getppid 100000" \
    -n vbench0 "taskset -c 1 $VB --counter none -- ./getppid 0" \
    -n strace "taskset -c 1 strace -f -o /dev/null ./getppid 100000" \
    -n strace0 "taskset -c 1 strace -f -o /dev/null ./getppid 0"
time_group startup "$RUNS" 1 \
    -n vbench "$VB --counter none -- /bin/true" \
    -n java "java -XX:TieredStopAtLevel=1 -version"
time_group qsort "$RUNS" 0 \
    -n vbench "$VB --counter valgrind -- ./qsorts 30 200000" \
    -n none "valgrind --tool=none ./qsorts 30 200000" \
    -n cachegrind "valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes --cachegrind-out-file=/dev/null ./qsorts 30 200000"
time_group java "$RUNS" 0 \
    -n vbench "$VB --counter valgrind -- java -cp java Threads" \
    -n none "valgrind --tool=none java -cp java Threads"
if [ "$OMP" = yes ]; then
    time_group omp "$RUNS" 0 \
        -n vbench "$VB --counter valgrind --timeout $OMP_TIMEOUT -- ./omp" \
        -n none "$VB --counter none -- ./omp"
fi

python3 - "$OUT" "$OMP_TIMEOUT" <<'PY'
import json, os, statistics, sys
out, omp_timeout = sys.argv[1], sys.argv[2]

def group(name):
    path = os.path.join(out, name + ".json")
    if not os.path.exists(path):
        return None
    return {r["command"]: r for r in json.load(open(path))["results"]}

def med(r):
    return statistics.median(r["times"])

def cut(r):
    return any(code == 124 for code in r.get("exit_codes", []))  # vbench --timeout

rows = []  # (row, vbench, reference, ratio, goal, note)
g = group("syscall")
v, s = med(g["vbench"]) - med(g["vbench0"]), med(g["strace"]) - med(g["strace0"])
rows.append(("per emulated syscall vs strace -f (taskset -c 1)", f"{v / 1e5 * 1e6:.1f} us", f"{s / 1e5 * 1e6:.1f} us",
             v / s, 0.7, ""))
g = group("startup")
rows.append(("run -- /bin/true vs java -XX:TieredStopAtLevel=1 -version", f"{med(g['vbench']):.3f} s",
             f"{med(g['java']):.3f} s", med(g["vbench"]) / med(g["java"]), 3.0, ""))
g = group("qsort")
for ref, goal in (("none", 1.15), ("cachegrind", 0.45)):
    rows.append((f"qsorts 30x200k, valgrind vs {'--tool=none' if ref == 'none' else 'cachegrind --branch-sim=yes'}",
                 f"{med(g['vbench']):.2f} s", f"{med(g[ref]):.2f} s", med(g["vbench"]) / med(g[ref]), goal, ""))
g = group("java")
rows.append(("Java, 22 threads, valgrind vs --tool=none", f"{med(g['vbench']):.2f} s",
             f"{med(g['none']):.2f} s", med(g["vbench"]) / med(g["none"]), 1.2, ""))
g = group("omp")
if g is None:
    rows.append(("OpenMP C, valgrind vs none", "-", "-", None, 3.0, "left out (--no-omp)"))
else:
    timed_out = cut(g["vbench"])
    rows.append(("OpenMP C, valgrind vs none", f"{med(g['vbench']):.2f} s", f"{med(g['none']):.2f} s",
                 med(g["vbench"]) / med(g["none"]), 3.0, f"cut at {omp_timeout}: a lower bound" if timed_out else ""))

print(f"\n{'row':58s} {'vbench':>10s} {'reference':>10s} {'ratio':>8s} {'goal':>7s}  met")
for row, vb, ref, ratio, goal, note in rows:
    shown = "-" if ratio is None else (">=" if note.startswith("cut") else "") + f"{ratio:.2f}x"
    met = "-" if ratio is None or note.startswith("cut") else ("yes" if ratio <= goal else "no")
    print(f"{row:58s} {vb:>10s} {ref:>10s} {shown:>8s} {'<=' + format(goal, 'g') + 'x':>7s}  {met}  {note}")
PY
echo "medians of $RUNS runs; raw timings: $OUT/*.json; $(uptime)" >&2
