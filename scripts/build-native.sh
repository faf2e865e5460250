#!/bin/sh
# Builds one optional C part of vbench with gcc: the remote tracer (a library the jar carries) or
# vbench-client (the run server's client). Without gcc the part is simply left out, and vbench
# works without it: slower, the same results.
# Usage: build-native.sh WHAT OUT SRC [GCC FLAGS...]
set -eu
WHAT=$1 OUT=$2 SRC=$3
shift 3
CC=${CC:-gcc}
if ! command -v "$CC" >/dev/null 2>&1; then
    echo "vbench: $CC not found: building without $WHAT (apt-get install gcc to have it)" >&2
    rm -f "$OUT"
    exit 0
fi
mkdir -p "$(dirname "$OUT")"
"$CC" -O2 -Wall -Wextra -Werror "$@" -o "$OUT.tmp" "$SRC"
mv -f "$OUT.tmp" "$OUT"
