#!/bin/sh
# Builds vbench's Valgrind tool `vbcount` into OUTDIR so that
#     VALGRIND_LIB=OUTDIR valgrind --tool=vbcount PROG
# runs (OUTDIR also links the stock tools, so --tool=cachegrind etc. run from it too).
#
# Usage: build.sh OUTDIR
# Environment overrides (defaults are Debian 12's valgrind package):
#   CC                 compiler (gcc)
#   VALGRIND           valgrind launcher (valgrind on PATH)
#   VALGRIND_INCLUDE   tool headers           (/usr/include/valgrind)
#   VALGRIND_LIBDIR    static core libraries  (/usr/lib/x86_64-linux-gnu/valgrind)
#   VALGRIND_LIBEXEC   stock tools, preloads, .supp (/usr/libexec/valgrind)
#   VBCOUNT_NO_SMOKE   set to 1 to skip the smoke run on /bin/true
#
# Outputs in OUTDIR:
#   vbcount-amd64-linux       the tool (static, linked at 0x58000000)
#   vbcount-block.properties  addresses of the exported counter block and of the private
#                             syscall instruction (from nm), and versions
#   symlinks to everything in VALGRIND_LIBEXEC (vgpreload_core-amd64-linux.so, *.supp, stock tools)
set -eu

die() {
    echo "vbcount build: $*" >&2
    exit 1
}

[ $# -eq 1 ] || die "usage: build.sh OUTDIR"
OUTDIR=$1
SRCDIR=$(cd "$(dirname "$0")" && pwd)

CC=${CC:-gcc}
VALGRIND=${VALGRIND:-valgrind}
VALGRIND_INCLUDE=${VALGRIND_INCLUDE:-/usr/include/valgrind}
VALGRIND_LIBDIR=${VALGRIND_LIBDIR:-/usr/lib/x86_64-linux-gnu/valgrind}
VALGRIND_LIBEXEC=${VALGRIND_LIBEXEC:-/usr/libexec/valgrind}

# ---- prerequisites -------------------------------------------------------------------------
[ "$(uname -m)" = x86_64 ] || die "only amd64 (x86_64) Linux is supported, this is $(uname -m)"
command -v "$CC" >/dev/null 2>&1 \
    || die "C compiler '$CC' not found: install the Debian package 'gcc' (apt-get install gcc)"
command -v "$VALGRIND" >/dev/null 2>&1 \
    || die "'$VALGRIND' not found: install the Debian package 'valgrind' (apt-get install valgrind)"
for tool in nm ar objcopy; do
    command -v $tool >/dev/null 2>&1 \
        || die "'$tool' not found: install the Debian package 'binutils' (apt-get install binutils)"
done
[ -f "$VALGRIND_INCLUDE/pub_tool_basics.h" ] \
    || die "$VALGRIND_INCLUDE/pub_tool_basics.h missing (Valgrind tool headers): install the Debian package 'valgrind' (it ships /usr/include/valgrind/pub_tool_*.h), or set VALGRIND_INCLUDE"
for lib in libcoregrind-amd64-linux.a libvex-amd64-linux.a libgcc-sup-amd64-linux.a; do
    [ -f "$VALGRIND_LIBDIR/$lib" ] \
        || die "$VALGRIND_LIBDIR/$lib missing (Valgrind static core library): install the Debian package 'valgrind', or set VALGRIND_LIBDIR"
done
[ -f "$VALGRIND_LIBEXEC/vgpreload_core-amd64-linux.so" ] \
    || die "$VALGRIND_LIBEXEC/vgpreload_core-amd64-linux.so missing: install the Debian package 'valgrind', or set VALGRIND_LIBEXEC"

# A VALGRIND_LIB from the caller's environment (e.g. an older build) would make --version fail.
unset VALGRIND_LIB
VG_VERSION=$("$VALGRIND" --version 2>/dev/null) || die "'$VALGRIND --version' failed"
# The headers must match the launcher: the tool embeds the core, the launcher finds it by name.
HDR_VERSION=$(sed -n 's/^#define __VALGRIND_MAJOR__ *\([0-9]*\).*/\1/p; s/^#define __VALGRIND_MINOR__ *\([0-9]*\).*/\1/p' \
    "$VALGRIND_INCLUDE/valgrind.h" | paste -sd. -)
case "$VG_VERSION" in
    valgrind-"$HDR_VERSION"|valgrind-"$HDR_VERSION".*) ;;
    *) die "headers in $VALGRIND_INCLUDE are for $HDR_VERSION but '$VALGRIND --version' is $VG_VERSION" ;;
esac

# ---- compile and link (the flags of Valgrind's own in-tree tools) ----------------------------
mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)
OBJDIR=$(mktemp -d "$OUTDIR/.obj.XXXXXX")
trap 'rm -rf "$OBJDIR"' EXIT

CFLAGS="-m64 -O2 -fno-strict-aliasing -fno-builtin -fno-stack-protector -fomit-frame-pointer \
    -fno-pie -fno-pic -fcf-protection=none -I$VALGRIND_INCLUDE -DVGA_amd64=1 -DVGO_linux=1 \
    -DVGP_amd64_linux=1 -DVGPV_amd64_linux_vanilla=1"
SOURCES="vb_main vb_housekeeping vb_regions vb_attr vb_features vb_slots vb_spin"
for src in $SOURCES; do
    # shellcheck disable=SC2086 # CFLAGS is a list of flags
    "$CC" $CFLAGS -c "$SRCDIR/$src.c" -o "$OBJDIR/$src.o" || die "compiling $SRCDIR/$src.c failed"
done

# Valgrind's own per-time-slice calls go to vb_housekeeping.c (see there why): the big lock's
# pipe read and write in a renamed copy of the core's sema.o, gettid and the signal poll through
# ld --wrap. The copy of sema.o comes first, so the archive's is never pulled in.
SEMA=libcoregrind_amd64_linux_a-sema.o
(cd "$OBJDIR" && ar x "$VALGRIND_LIBDIR/libcoregrind-amd64-linux.a" "$SEMA") \
    || die "$SEMA not found in $VALGRIND_LIBDIR/libcoregrind-amd64-linux.a"
objcopy --redefine-sym vgPlain_read=vb_lock_read --redefine-sym vgPlain_write=vb_lock_write \
    "$OBJDIR/$SEMA" "$OBJDIR/vb_sema.o" || die "objcopy of $SEMA failed"

# Without -Ttext-segment the tool loads at 0x400000 and non-PIE guests fail
# ("mmap(0x400000) failed in UME").
OBJECTS=$(for src in $SOURCES; do printf '%s ' "$OBJDIR/$src.o"; done)
# shellcheck disable=SC2086 # OBJECTS is a list of files (no spaces: OBJDIR is mktemp's)
"$CC" -m64 -o "$OBJDIR/vbcount-amd64-linux" $OBJECTS "$OBJDIR/vb_sema.o" \
    -static -nodefaultlibs -nostartfiles -u _start -no-pie -Wl,-Ttext-segment=0x58000000 \
    -Wl,--wrap=vgPlain_gettid -Wl,--wrap=vgPlain_sigtimedwait_zero \
    "$VALGRIND_LIBDIR/libcoregrind-amd64-linux.a" "$VALGRIND_LIBDIR/libvex-amd64-linux.a" -lgcc \
    "$VALGRIND_LIBDIR/libgcc-sup-amd64-linux.a" \
    || die "linking vbcount-amd64-linux failed"

ADDR=$(nm "$OBJDIR/vbcount-amd64-linux" | awk '$3 == "vbcount_block" { print $1 }' | sed 's/^0*//')
[ -n "$ADDR" ] || die "symbol vbcount_block not found in the linked tool"
SIZE=$(nm -S "$OBJDIR/vbcount-amd64-linux" | awk '$4 == "vbcount_block" { print $2 }')
PRIVATE=$(nm "$OBJDIR/vbcount-amd64-linux" | awk '$3 == "vbcount_private_syscall_end" { print $1 }' | sed 's/^0*//')
[ -n "$PRIVATE" ] || die "symbol vbcount_private_syscall_end not found in the linked tool"

# ---- lay out OUTDIR ----------------------------------------------------------------------------
for f in "$VALGRIND_LIBEXEC"/*; do
    name=$(basename "$f")
    case "$name" in vbcount-*) continue ;; esac
    ln -sfn "$f" "$OUTDIR/$name"
done
mv -f "$OBJDIR/vbcount-amd64-linux" "$OUTDIR/vbcount-amd64-linux"
{
    echo "# written by build.sh; the block layout is described in README.md"
    echo "tool=vbcount"
    echo "valgrind_version=$VG_VERSION"
    echo "block_symbol=vbcount_block"
    echo "block_addr=0x$ADDR"
    echo "block_size=$((0x${SIZE:-0}))"
    echo "private_syscall_ip=0x$PRIVATE"
} > "$OUTDIR/vbcount-block.properties.tmp"
mv -f "$OUTDIR/vbcount-block.properties.tmp" "$OUTDIR/vbcount-block.properties"

# ---- smoke run ---------------------------------------------------------------------------------
if [ "${VBCOUNT_NO_SMOKE:-0}" != 1 ]; then
    SMOKE_OUT="$OBJDIR/smoke.out"
    VALGRIND_LIB="$OUTDIR" "$VALGRIND" -q --tool=vbcount --vbcount-out="$SMOKE_OUT" /bin/true \
        >"$OBJDIR/smoke.log" 2>&1 \
        || { cat "$OBJDIR/smoke.log" >&2; die "smoke run 'valgrind --tool=vbcount /bin/true' failed"; }
    grep -q '^insns=[1-9]' "$SMOKE_OUT" \
        || { cat "$OBJDIR/smoke.log" >&2; die "smoke run wrote no instruction count"; }
fi
echo "vbcount built: $OUTDIR/vbcount-amd64-linux (vbcount_block at 0x$ADDR, $VG_VERSION)"
