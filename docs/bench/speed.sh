#!/usr/bin/env bash
# Issue 15's table in one run: each row's vbench command against its reference, timed with
# hyperfine in the same run, as ratios of medians and of the fastest runs next to the row's goal.
# As in the issue, every command runs pinned to one CPU (`taskset -c $CPU`, default 1): vbench puts
# its supervisor and guest on one CPU (the last it may use) anyway, and a reference free to use
# another CPU would be compared with vbench under different contention on a shared machine. Where
# other vbench runs crowd CPU 1 (they pin themselves there), CPU=0 measures on the quieter one.
#
#   1. per emulated syscall: (getppid 100000 - getppid 0) under `vbench run --counter none`
#      vs the same under `strace -f -o /dev/null`                                       goal <= 0.7x
#      and again with vbench given a second CPU (`taskset -c $CPUS2`, default 0 and CPU): its
#      remote tracer needs one (README, "The tracer thread"); strace stays on its one CPU, where it
#      is fastest (on two, 94 us per call here against 18).
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
# Guests: docs/bench/guests (built into OUT). vbench runs through ./vbench, the README's launcher,
# which hands each run to the run server (README, "The run server"): the first vbench command below
# starts it, so every timed run is served. VBENCH_SERVER=0 in the environment times a JVM per run.
# Usage: docs/bench/speed.sh [--no-omp]     env: RUNS (default 5), OMP_TIMEOUT, CPU, CPUS2, OUT
#        docs/bench/speed.sh --report OUT   the table again from a finished run's files
# Needs: gcc (with libgomp), valgrind, strace, hyperfine (apt-get install hyperfine), java 17.
set -euo pipefail
OMP=yes
REPORT=
case "${1:-}" in
    --no-omp) OMP=no ;;
    --report) REPORT=${2:?--report needs the OUT directory of a run} ;;
    "") ;;
    *) echo "usage: $0 [--no-omp | --report OUT]" >&2; exit 2 ;;
esac
RUNS=${RUNS:-5}
OMP_TIMEOUT=${OMP_TIMEOUT:-120s}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GUESTS="$ROOT/docs/bench/guests"
# The table from a run's hyperfine files: medians, and each row's ratio of medians and of minimums
# (the fastest run is the least disturbed one on a shared machine).
report() {
    # shellcheck source=/dev/null
    . "$1/settings" # the run's CPU, CPUS2 and OMP_TIMEOUT
    python3 - "$1" "$OMP_TIMEOUT" "$CPU" "${CPUS2:-}" <<'PY'
import json, os, statistics, sys
out, omp_timeout, cpu, cpus2 = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]

def group(name):
    path = os.path.join(out, name + ".json")
    return {r["command"]: r["times"] for r in json.load(open(path))["results"]} if os.path.exists(path) else None

def cut(name):  # vbench --timeout ended a run: its ratio is a lower bound
    return any(code == 124 for r in json.load(open(os.path.join(out, name + ".json")))["results"]
               for code in r.get("exit_codes") or [])

# row: (what, vbench's time, the reference's time, goal), each time a function of a statistic
rows = []
g = group("syscall")
if g is not None:
    rows.append(("per emulated syscall vs strace -f",
                 lambda f, g=g: (f(g["vbench"]) - f(g["vbench0"])) / 1e5,
                 lambda f, g=g: (f(g["strace"]) - f(g["strace0"])) / 1e5, 0.7))
    if "vbench2" in g:
        rows.append((f"per emulated syscall, vbench on CPUs {cpus2}, vs strace -f",
                     lambda f, g=g: (f(g["vbench2"]) - f(g["vbench20"])) / 1e5,
                     lambda f, g=g: (f(g["strace"]) - f(g["strace0"])) / 1e5, 0.7))
g = group("startup")
if g is not None:
    rows.append(("run -- /bin/true vs java -XX:TieredStopAtLevel=1 -version", lambda f, g=g: f(g["vbench"]),
                 lambda f, g=g: f(g["java"]), 3.0))
g = group("qsort")
for ref, goal, what in (("none", 1.15, "--tool=none"), ("cachegrind", 0.45, "cachegrind --branch-sim=yes")):
    if g is not None:
        rows.append((f"qsorts 30x200k, valgrind vs {what}", lambda f, g=g: f(g["vbench"]),
                     lambda f, g=g, ref=ref: f(g[ref]), goal))
g = group("java")
if g is not None:
    rows.append(("Java, 22 threads, valgrind vs --tool=none", lambda f, g=g: f(g["vbench"]),
                 lambda f, g=g: f(g["none"]), 1.2))
g = group("omp")
omp_cut = g is not None and cut("omp")
if g is not None:
    rows.append(("OpenMP C, valgrind vs none" + (f" (cut at {omp_timeout}: >=)" if omp_cut else ""),
                 lambda f, g=g: f(g["vbench"]), lambda f, g=g: f(g["none"]), 3.0))

def show(t):
    return f"{t * 1e6:.1f} us" if t < 1e-3 else f"{t:.3f} s"

print(f"\n{'row':58s} {'vbench':>10s} {'reference':>10s} {'ratio':>7s} {'of mins':>7s} {'goal':>7s}  met")
for what, vb, ref, goal in rows:
    ratio, best = vb(statistics.median) / ref(statistics.median), vb(min) / ref(min)
    met = "-" if "cut at" in what else "yes" if ratio <= goal else "no"
    print(f"{what:58s} {show(vb(statistics.median)):>10s} {show(ref(statistics.median)):>10s} {ratio:6.2f}x "
          f"{best:6.2f}x {'<=' + format(goal, 'g') + 'x':>7s}  {met}")
if group("omp") is None:
    print("OpenMP C row left out (--no-omp, or the run did not get there)")
print(f"all pinned with taskset -c {cpu} (but the row that says otherwise); vbench and reference: medians; "
      "ratio: of the medians; of mins: of the fastest runs")
PY
}
if [ -n "$REPORT" ]; then
    report "$REPORT"
    exit
fi
OUT=${OUT:-$(mktemp -d /tmp/speed.XXXXXX)}
mkdir -p "$OUT"
CPU=${CPU:-1}
if [ "$CPU" = 0 ]; then CPUS2=${CPUS2:-0,1}; else CPUS2=${CPUS2:-0,$CPU}; fi
printf 'CPU=%s\nCPUS2=%s\nOMP_TIMEOUT=%s\n' "$CPU" "$CPUS2" "$OMP_TIMEOUT" >"$OUT/settings"

for tool in gcc javac valgrind strace taskset hyperfine; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install $tool)" >&2; exit 2; }
done
PIN="taskset -c $CPU"
VB="$PIN $ROOT/vbench run"
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
    -n vbench "$VB --counter none -- ./getppid 100000" \
    -n vbench0 "$VB --counter none -- ./getppid 0" \
    -n vbench2 "taskset -c $CPUS2 $ROOT/vbench run --counter none -- ./getppid 100000" \
    -n vbench20 "taskset -c $CPUS2 $ROOT/vbench run --counter none -- ./getppid 0" \
    -n strace "$PIN strace -f -o /dev/null ./getppid 100000" \
    -n strace0 "$PIN strace -f -o /dev/null ./getppid 0"
time_group startup "$RUNS" 1 \
    -n vbench "$VB --counter none -- /bin/true" \
    -n java "$PIN java -XX:TieredStopAtLevel=1 -version"
time_group qsort "$RUNS" 0 \
    -n vbench "$VB --counter valgrind -- ./qsorts 30 200000" \
    -n none "$PIN valgrind --tool=none ./qsorts 30 200000" \
    -n cachegrind "$PIN valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes --cachegrind-out-file=/dev/null ./qsorts 30 200000"
time_group java "$RUNS" 0 \
    -n vbench "$VB --counter valgrind -- java -cp java Threads" \
    -n none "$PIN valgrind --tool=none java -cp java Threads"
if [ "$OMP" = yes ]; then
    time_group omp "$RUNS" 0 \
        -n vbench "$VB --counter valgrind --timeout $OMP_TIMEOUT -- ./omp" \
        -n none "$VB --counter none -- ./omp"
fi

report "$OUT"
echo "medians of $RUNS runs; raw timings: $OUT/*.json; $(uptime)" >&2
