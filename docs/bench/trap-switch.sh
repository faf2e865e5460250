#!/usr/bin/env bash
# What the CPU-trap flags that `--counter none` keeps on every guest thread cost per stop, and
# whether a tracer that carries the same flags would get that back (issue 15's first row).
# Interleaves REPS runs of each combination (guests/trapswitch.c) and prints the median CPU time
# per call (two stops) of each. Run it on an otherwise idle CPU 1: a third task switched in
# between tracer and tracee is itself a switch that rewrites the flags.
# Usage: docs/bench/trap-switch.sh     env: REPS (default 7), CALLS (default 30000), OUT
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
REPS=${REPS:-7}
CALLS=${CALLS:-30000}
gcc -O2 -o "$OUT/trapswitch" "$HERE/guests/trapswitch.c"
grep -qw cpuid_fault /proc/cpuinfo || echo "note: this CPU has no cpuid_fault; rows with flag 1 fail" >&2
COMBOS=("0 0" "1 0" "1 1" "2 0" "2 2" "3 0" "3 3")
for ((r = 0; r < REPS; r++)); do
    for c in "${COMBOS[@]}"; do
        # shellcheck disable=SC2086
        "$OUT/trapswitch" "$CALLS" $c
    done
done >"$OUT/runs.txt"
python3 - "$OUT/runs.txt" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"guest (\d) tracer (\d): ([\d.]+) us cpu, ([\d.]+) us wall", line)
    rows.setdefault((m[1], m[2]), []).append((float(m[3]), float(m[4])))
names = {"0": "none", "1": "cpuid", "2": "tsc", "3": "both"}
print("| guest flags | tracer flags | CPU us per call (median) | min | wall us per call (median) |")
print("| --- | --- | --- | --- | --- |")
for (g, t), v in rows.items():
    cpu = [x[0] for x in v]
    print(f"| {names[g]} | {names[t]} | {statistics.median(cpu):.1f} | {min(cpu):.1f} | {statistics.median(x[1] for x in v):.1f} |")
PY
