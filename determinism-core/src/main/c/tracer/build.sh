#!/bin/sh
# Builds the remote tracer thread (vb_tracer.c) into OUT, a shared library the jar carries
# (RemoteTracer loads it). Without gcc the jar simply has none, and the supervisor traces from its
# own thread as before: slower on a VM, the same results.
# Usage: build.sh OUT
set -eu
OUT=$1
SRC=$(cd "$(dirname "$0")" && pwd)/vb_tracer.c
CC=${CC:-gcc}
if ! command -v "$CC" >/dev/null 2>&1; then
    echo "vbench: $CC not found: building without the remote tracer (apt-get install gcc to have it)" >&2
    rm -f "$OUT"
    exit 0
fi
mkdir -p "$(dirname "$OUT")"
# -z now: every symbol bound at load, on the loading JVM thread, never lazily on the tracer
"$CC" -O2 -Wall -Wextra -Werror -shared -fPIC -pthread -Wl,-z,now -o "$OUT.tmp" "$SRC"
mv -f "$OUT.tmp" "$OUT"
