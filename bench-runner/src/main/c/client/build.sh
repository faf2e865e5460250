#!/bin/sh
# Builds vbench-client (vbench_client.c) into OUT: the launcher hands `vbench run` to a resident
# server through it. Without gcc there is none, and every run starts its own JVM as before.
# Usage: build.sh OUT
set -eu
OUT=$1
SRC=$(cd "$(dirname "$0")" && pwd)/vbench_client.c
CC=${CC:-gcc}
if ! command -v "$CC" >/dev/null 2>&1; then
    echo "vbench: $CC not found: building without vbench-client (apt-get install gcc to have it)" >&2
    rm -f "$OUT"
    exit 0
fi
mkdir -p "$(dirname "$OUT")"
"$CC" -O2 -Wall -Wextra -Werror -o "$OUT.tmp" "$SRC"
mv -f "$OUT.tmp" "$OUT"
