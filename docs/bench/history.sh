#!/usr/bin/env bash
# How fast the result history is: records N results (default 10,000) with `vbench history import`,
# then lists change points over them, shows one series, exports CSV, and records single results
# into the full history (each a whole `vbench history record` command, JVM start-up included).
#
#   docs/bench/history.sh [N]              # SQLite file in a temporary directory
#   docs/bench/history.sh [N] --postgres   # a PostgreSQL server started here for the run (as root)
#
# Each result has 5 benchmarks with 5 counts and wall time; virtual time and instructions of one
# benchmark step up by 0.3% every 1,000 commits, so `changes` has real work and known answers.
# The machine is shared and noisy: compare the numbers within one run, not across days.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
VBENCH=${VBENCH:-$ROOT/vbench}
N=${1:-10000}
WORK=$(mktemp -d /tmp/vbench-history-bench.XXXXXX)
PGBIN=""
cleanup() {
    if [[ -n $PGBIN && -f $WORK/pg/data/postmaster.pid ]]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

DB="jdbc:sqlite:$WORK/history.db"
if [[ ${2:-} == --postgres ]]; then
    PGBIN=$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")")
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$WORK/pg" && chown postgres: "$WORK" "$WORK/pg" && chmod 755 "$WORK"
    runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg/data" -U vbench --auth=trust -E UTF8 --no-sync >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
        -o "-p $PORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
    runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U vbench -d postgres -qc 'CREATE DATABASE history'
    DB="jdbc:postgresql://127.0.0.1:$PORT/history?user=vbench"
fi

echo "generating $N result files in $WORK/results" >&2
mkdir -p "$WORK/results"
python3 - "$N" "$WORK/results" <<'EOF'
import json, random, sys
from datetime import datetime, timedelta, timezone
n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(13)
for i in range(n):
    step = i // 1000
    benchmarks = []
    for b in range(5):
        ins = 50_000_000 * (b + 1) + (150_000 * step if b == 0 else 0)
        wall = int(20_000_000 * (b + 1) * (1 + 0.05 * rnd.uniform(-1, 1)))
        benchmarks.append({
            "name": f"bench-{b}", "command": [f"./bench-{b}"], "exit_status": 0,
            "virtual_time_ns": ins * 10 // 6 + 41 * 10_000,
            "counters": {"instructions": ins, "branches_conditional": ins // 6, "branches_indirect": ins // 100,
                         "syscalls": 41, "page-faults": 120 + b},
            "runs": 1, "deterministic": True,
            "wall_time_ns": {"runs": 10, "min": wall - 50_000, "median": wall, "p90": wall + 50_000, "max": wall + 90_000}})
    result = {"schema": "vbench.result/1", "vbench": {"version": "bench"},
              "environment": {"counter": "valgrind", "model": "default", "epoch": "2024-01-01T00:00:00Z", "seed": 0,
                              "cpus": 4, "memory_bytes": 8 << 30,
                              "fingerprint": {"counter": "valgrind", "counter_version": "3.19.0", "libc": "glibc 2.36"}},
              "benchmarks": benchmarks,
              "revision": {"commit": f"{i:08x}" * 5, "branch": "main",
                           "time": (datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=i))
                                   .strftime("%Y-%m-%dT%H:%M:%SZ")}}
    with open(f"{out}/r{i:06d}.json", "w") as f:
        json.dump(result, f)
EOF
"$VBENCH" --version >/dev/null # builds the jar first if needed, outside the timings

t() { # t LABEL CMD...: prints the command's wall time in seconds
    local start end
    start=$(date +%s.%N)
    "${@:2}" >"$WORK/out" 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
    end=$(date +%s.%N)
    printf '%-58s %8.2f s\n' "$1" "$(awk "BEGIN { print $end - $start }")"
}

echo "database: ${DB/password=*/password=***}"
t "import $N results (one command, one transaction each)" "$VBENCH" history import --db "$DB" "$WORK"/results/r*.json
tail -1 "$WORK/out"
t "changes (virtual time, exact, 5 series of $N)" "$VBENCH" history changes --db "$DB"
echo "  $(($(wc -l <"$WORK/out") - 1)) change points"
t "changes --metric instructions --metric wall_time_median_ns" "$VBENCH" history changes --db "$DB" \
    --metric instructions --metric wall_time_median_ns
echo "  $(($(wc -l <"$WORK/out") - 1)) change points (wall time: E-Divisive over the last 1000 points)"
t "changes --since the 9,000th commit" "$VBENCH" history changes --db "$DB" --since "$(printf '%08x' 9000)"
t "show bench-0 (text, $N points)" "$VBENCH" history show bench-0 --db "$DB"
t "show bench-0 --metric wall_time_median_ns --html" "$VBENCH" history show bench-0 --db "$DB" \
    --metric wall_time_median_ns --html "$WORK/page.html"
t "export --out history.csv ($((N * 5)) rows)" "$VBENCH" history export --db "$DB" --out "$WORK/history.csv"
for i in 1 2 3; do
    t "record one more result into the full history (#$i)" "$VBENCH" history record --db "$DB" \
        --commit "extra$i" "$WORK/results/r000000.json"
done
t "vbench --version (JVM start-up alone, for reference)" "$VBENCH" --version
