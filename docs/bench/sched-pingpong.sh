#!/usr/bin/env bash
# Cost of a scheduling decision of vbench's deterministic scheduler.
#
# Builds two ping-pong programs (two threads alternating N round trips):
#   futex-pingpong: a pthread mutex + two condition variables (futex waits/wakes)
#   pipe-pingpong:  two pipes, each thread blocks in read() on its own pipe
# and times each natively, under `strace -f -o /dev/null`, and under
# `vbench run --counter none`, all pinned to CPU 1 with `taskset -c 1`, with hyperfine.
# Then reads the scheduler's turns from `vbench run --summary` and prints the cost per
# scheduling decision: (vbench wall - native wall) / turns.
#
# Usage: docs/bench/sched-pingpong.sh [N] [RUNS]     (default N=20000, RUNS=5)
# Needs: gcc, strace, hyperfine (apt-get install hyperfine), java 17, the built jar
# (mvn -B -q -DskipTests install).
set -euo pipefail
N=${1:-20000}
RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${VBENCH_JAR:-$ROOT/bench-runner/target/vbench.jar}
OUT=${OUT:-$(mktemp -d /tmp/sched-pingpong.XXXXXX)}
mkdir -p "$OUT"
CPU=${CPU:-1}
[ -f "$JAR" ] || { echo "no $JAR: run mvn -B -q -DskipTests install" >&2; exit 2; }
for tool in gcc strace hyperfine taskset java; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install ${tool})" >&2; exit 2; }
done
VBENCH="java -Djnr.ffi.x86asm.enabled=false -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $JAR"

cat > "$OUT/futex-pingpong.c" <<'C'
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv[2] = {PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER};
static int turn, n;
static void *player(void *arg) {
    int me = (int)(long)arg;
    for (int i = 0; i < n; i++) {
        pthread_mutex_lock(&mu);
        while (turn != me) pthread_cond_wait(&cv[me], &mu);
        turn = 1 - me;
        pthread_cond_signal(&cv[1 - me]);
        pthread_mutex_unlock(&mu);
    }
    return NULL;
}
int main(int argc, char **argv) {
    n = argc > 1 ? atoi(argv[1]) : 20000;
    pthread_t a, b;
    pthread_create(&a, NULL, player, (void *)0L);
    pthread_create(&b, NULL, player, (void *)1L);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("futex ping-pong: %d round trips\n", n);
    return 0;
}
C
cat > "$OUT/pipe-pingpong.c" <<'C'
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
static int ping[2], pong[2], n;
static void *responder(void *arg) {
    (void)arg;
    char c;
    for (int i = 0; i < n; i++) {
        if (read(ping[0], &c, 1) != 1 || write(pong[1], &c, 1) != 1) exit(1);
    }
    return NULL;
}
int main(int argc, char **argv) {
    n = argc > 1 ? atoi(argv[1]) : 20000;
    if (pipe(ping) || pipe(pong)) return 1;
    pthread_t t;
    pthread_create(&t, NULL, responder, NULL);
    char c = 'x';
    for (int i = 0; i < n; i++) {
        if (write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1) return 1;
    }
    pthread_join(t, NULL);
    printf("pipe ping-pong: %d round trips\n", n);
    return 0;
}
C
for p in futex-pingpong pipe-pingpong; do
    gcc -O2 -pthread -o "$OUT/$p" "$OUT/$p.c"
done
echo "# host: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r)"
echo "# N=$N, $RUNS runs each, pinned to CPU $CPU, results in $OUT"

# vbench's fixed cost (JVM start, launch, exit) on a program that does nothing
hyperfine -N --style basic --warmup 1 --runs "$RUNS" --export-json "$OUT/true.json" \
    -n "vbench true" "taskset -c $CPU $VBENCH run --counter none -- /bin/true" >/dev/null

for p in futex-pingpong pipe-pingpong; do
    bin="$OUT/$p"
    hyperfine -N --style basic --warmup 1 --runs "$RUNS" --export-json "$OUT/$p.json" \
        -n native "taskset -c $CPU $bin $N" \
        -n strace "taskset -c $CPU strace -f -o /dev/null $bin $N" \
        -n vbench "taskset -c $CPU $VBENCH run --counter none -- $bin $N" >/dev/null
    taskset -c "$CPU" $VBENCH run --counter none --summary -- "$bin" "$N" >/dev/null 2>"$OUT/$p.summary"
done

python3 - "$OUT" "$N" <<'PY'
import json, re, sys
out, n = sys.argv[1], int(sys.argv[2])
def means(name):
    d = json.load(open(f"{out}/{name}.json"))
    return {r["command"]: (r["mean"], r["stddev"] or 0.0) for r in d["results"]}
true_mean = means("true")["vbench true"][0]
print(f"vbench on /bin/true (fixed cost): {true_mean*1000:.0f} ms")
print()
print("| program | native | strace -f | vbench --counter none | supervisor wall (summary) | turns | context switches | syscalls | (vbench - native) / turn | (vbench - true - native) / turn | (summary wall - native) / turn |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for p in ("futex-pingpong", "pipe-pingpong"):
    m = means(p)
    s = open(f"{out}/{p}.summary").read()
    turns, switches = map(int, re.search(r"scheduler\s+(\d+) turns, (\d+) context switches", s).groups())
    syscalls = int(re.search(r"syscalls\s+(\d+)", s).group(1))
    sup_wall = float(re.search(r"wall time\s+([0-9.]+) s", s).group(1))
    nat, st, vb = m["native"][0], m["strace"][0], m["vbench"][0]
    fmt = lambda v: f"{v[0]*1000:.1f} ± {v[1]*1000:.1f} ms"
    print(f"| {p} (N={n}) | {fmt(m['native'])} | {fmt(m['strace'])} | {fmt(m['vbench'])} | {sup_wall*1000:.0f} ms "
          f"| {turns} | {switches} | {syscalls} | {(vb-nat)/turns*1e6:.1f} µs | {(vb-true_mean-nat)/turns*1e6:.1f} µs "
          f"| {(sup_wall-nat)/turns*1e6:.1f} µs |")
PY
