#!/usr/bin/env bash
# Prices programs no calibration corpus contains with one or more models, against their native time:
# the README's "programs no model saw" table. Inputs are generated with a fixed seed into OUT.
#
#   docs/bench/unseen-programs.sh MODEL.json...     env: OUT (default /tmp/vbench-unseen), JAR
#
# For each program: hyperfine's median of 11 native runs after 2 warm-ups, measured right before
# its predictions, its output going into a pipe as under vbench (GNU grep stops at the first match
# when its output is /dev/null, hyperfine's default: 1.2 ms instead of 14 ms), then `vbench run --counter valgrind --model M --json r.json -- PROGRAM` for
# each model and the calibrated_time_ns it gives, with its error against that native median.
# Needs: hyperfine, gzip, bzip2, sort, grep, wc, sha256sum, python3, valgrind, java 17.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 MODEL.json..." >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/bench-runner/target/vbench.jar}
OUT=${OUT:-/tmp/vbench-unseen}
mkdir -p "$OUT"
MODELS=()
for m in "$@"; do MODELS+=("$(cd "$(dirname "$m")" && pwd)/$(basename "$m")"); done
cd "$OUT"
python3 - <<'PY'
import random
r = random.Random(42)
words = [''.join(r.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(r.randint(2, 9))) for _ in range(5000)]
with open('text.txt', 'w') as f:
    for i in range(1500000):
        f.write(r.choice(words) + (' ' if i % 12 else '\n'))
with open('nums.txt', 'w') as f:
    for i in range(600000):
        f.write(str(r.randint(0, 10**9)) + '\n')
with open('dict.py', 'w') as f:
    f.write('d = {}\nfor i in range(400000):\n    d["k%07d" % (i * 7919 % 400000)] = i\n'
            'print(sum(d[k] for k in sorted(d)[:1000]))\n')
PY
PYTHON=$(python3 -c 'import sys; print(sys.executable)') # not a shim that starts more processes
PROGRAMS=("gzip -9 -c text.txt" "sort -n --parallel=1 -S 200M nums.txt" "sort -n --parallel=2 -S 200M nums.txt"
    "$PYTHON dict.py" "bzip2 -9 -c text.txt" "grep -c -E ab+c text.txt" "wc -lw text.txt"
    "sha256sum text.txt nums.txt")
for p in "${PROGRAMS[@]}"; do
    hyperfine -N -w 2 -r 11 --output=pipe --export-json native.json "$p" >/dev/null 2>&1
    native=$(python3 -c "import json; print(json.load(open('native.json'))['results'][0]['median'] * 1000)")
    line=$(printf '%s | native %.1f ms' "$p" "$native")
    for m in "${MODELS[@]}"; do
        # shellcheck disable=SC2086 # the program's words are its arguments
        java -jar "$JAR" run --counter valgrind --model "$m" --json r.json -- $p >/dev/null 2>&1
        line+=$(python3 - "$native" "$(basename "$m" .json)" <<'PY'
import json, sys
native, name = float(sys.argv[1]), sys.argv[2]
ns = json.load(open('r.json'))['benchmarks'][0]['calibrated_time_ns']
print(f" | {name} {ns / 1e6:.1f} ms ({100 * (ns / 1e6 - native) / native:+.0f}%)")
PY
)
    done
    echo "$line"
done
