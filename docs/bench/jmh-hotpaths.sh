#!/usr/bin/env bash
# JMH benchmarks of the supervisor's Java hot paths (issue 15): one syscall-entry stop's decode and
# dispatch (StopDispatchBenchmark), the scheduler's stop-ready-pick with 2, 100 and 1000 threads
# (SchedulerPickBenchmark), and a futex wait plus the wake that ends it (FutexBenchmark). Sources in
# determinism-core/src/jmh/java; every build compiles them, no test runs them.
#
# Builds them, runs them with JMH's gc profiler (allocation per operation), and prints ns/op and B/op.
#
# Usage: docs/bench/jmh-hotpaths.sh [JMH OPTIONS...]
#   default options: -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc   (about 4 minutes)
#   e.g. docs/bench/jmh-hotpaths.sh -f 1 -wi 3 -i 5 -prof gc SchedulerPick
# Needs: java 17, maven (offline is enough: the jars the build uses).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$(mktemp -d /tmp/jmh-hotpaths.XXXXXX)}
mkdir -p "$OUT"
cd "$ROOT"
# The benchmarks' class path is the test class path Maven compiled them with. The dependency and exec
# plugins do not resolve offline on these machines, so it is read from the compiler's debug output.
mvn -B -o -X -pl determinism-core test-compile >"$OUT/build.log" 2>&1 \
    || { grep -E '^\[ERROR\]' "$OUT/build.log" >&2; echo "build failed: $OUT/build.log" >&2; exit 2; }
CP=$(awk '/testCompile \(jmh-compile\)/ { f = 1 }
          f && /\(f\) testPath = \[/ { sub(/.*testPath = \[/, ""); sub(/\]$/, ""); gsub(/, /, ":"); print; exit }' \
    "$OUT/build.log")
[ -n "$CP" ] || { echo "no class path for the benchmarks in $OUT/build.log" >&2; exit 2; }
[ $# -gt 0 ] || set -- -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
java -cp "determinism-core/target/jmh-classes:$CP" org.openjdk.jmh.Main "$@" -rf json -rff "$OUT/jmh.json" \
    | tee "$OUT/jmh.log"
python3 - "$OUT/jmh.json" <<'PY'
import json, sys
print(f"\n{'benchmark':42s} {'params':26s} {'ns/op':>10s} {'±':>8s} {'B/op':>8s}")
for r in json.load(open(sys.argv[1])):
    name = r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]
    params = " ".join(f"{k}={v}" for k, v in r.get("params", {}).items())
    m = r["primaryMetric"]
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    print(f"{name:42s} {params:26s} {float(m['score']):10.1f} {float(m['scoreError']):8.1f} {'-' if alloc is None else f'{alloc:8.1f}':>8s}")
PY
echo "raw results: $OUT/jmh.json, log: $OUT/jmh.log" >&2
