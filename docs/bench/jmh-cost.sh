#!/usr/bin/env bash
# What a JVM costs under vbench: `java -version` and one JMH benchmark with vbench jmh's settings,
# natively, under `valgrind --tool=none`, under `vbench run --counter valgrind` (and none), and as
# `vbench jmh` (which adds JMH's native listing), whole commands timed with hyperfine.
#
# Usage: docs/bench/jmh-cost.sh BENCHMARKS.jar BENCHMARK [RUNS]
#   e.g. docs/bench/jmh-cost.sh tests/target/e2e-scratch/jmh-base-*/benchmarks.jar bench.Work.mix 3
#   (JmhTest leaves that jar behind: mvn -pl tests -am verify -Dtest=JmhTest -Dsurefire.failIfNoSpecifiedTests=false)
# Needs: valgrind, hyperfine, java 17; ./vbench builds the jar.
set -euo pipefail
JAR=$(readlink -f "$1")
BENCH=$2
RUNS=${3:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$(mktemp -d /tmp/jmh-cost.XXXXXX)}
cd "$OUT"
cp "$JAR" benchmarks.jar
"$ROOT/vbench" run --counter none -- /bin/true >/dev/null # build and class archive
# The guest command vbench jmh runs for one benchmark (JmhArguments: JVM flags and settings; without the
# -XX:CompileCommandFile of JMH's compiler hints that vbench jmh adds).
GUEST="java -XX:+UnlockDiagnosticVMOptions -XX:-UseLibmIntrinsic -XX:-UsePerfData -XX:-UseContainerSupport \
-Djmh.blackhole.autoDetect=false -jar benchmarks.jar -f 0 -bm ss -bs 1000 -wbs 1000 -wi 10 -i 5 -tu ns -foe true \
-p n=2000 -rf json -rff $OUT/native.json ^${BENCH}\$"
hyperfine --runs "$RUNS" --export-json "$OUT/version.json" \
    -n native "java -version" \
    -n none "valgrind --tool=none java -version" \
    -n vbench-none "$ROOT/vbench run --counter none -- java -version" \
    -n vbench "$ROOT/vbench run --counter valgrind -- java -version" >/dev/null 2>&1
hyperfine --runs "$RUNS" --export-json "$OUT/jmh.json" \
    -n native "$GUEST" \
    -n none "valgrind --tool=none $GUEST" \
    -n vbench "$ROOT/vbench run --counter valgrind -- $GUEST" \
    -n vbench-jmh "$ROOT/vbench jmh benchmarks.jar --out $OUT/r.json --counter valgrind -p n=2000 ^${BENCH}\$" >/dev/null 2>&1
python3 - "$OUT/version.json" "$OUT/jmh.json" <<'PY'
import json, statistics, sys
for f, what in zip(sys.argv[1:], ["java -version", "one JMH benchmark"]):
    runs = {r["command"]: (statistics.median(r["times"]), min(r["times"]), max(r["times"])) for r in json.load(open(f))["results"]}
    print(what)
    for name, (t, lo, hi) in runs.items():
        print(f"  {name:11s} median {t:6.2f} s (min {lo:6.2f}, max {hi:6.2f})  {t / runs['native'][0]:5.1f}x native  {t / runs['none'][0]:5.2f}x valgrind --tool=none")
PY
echo "raw timings: $OUT" >&2
