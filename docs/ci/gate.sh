#!/usr/bin/env bash
# vbench's regression gate for a pull request: benchmarks the suite at the base and at the head
# commit in one job (so both sides run on the same machine), compares them, writes the reports,
# and exits with vbench compare's status: 0 nothing regressed, 1 a benchmark regressed, failed or
# was not deterministic, 2 bad input, 3 internal error.
#
#   gate.sh --base REF [--head REF] --suite PATH [--threshold PCT] [--out DIR] [--repo DIR]
#
#   --base REF       the commit to compare against (e.g. the pull request's base)
#   --head REF       the commit under review (default: HEAD)
#   --suite PATH     the suite file, relative to the repository's root (the same path on both sides)
#   --threshold PCT  smallest change that fails the gate, e.g. 0.5% (default: vbench's, 0.2%;
#                    a benchmark's own threshold in the suite wins)
#   --out DIR        where base.json, head.json and the reports go (default: vbench-gate)
#   --repo DIR       the git repository (default: the current directory)
#
# VBENCH is the command that runs vbench (default: vbench on the PATH), e.g.
#   VBENCH="java -Djnr.ffi.x86asm.enabled=false -jar /opt/vbench/vbench.jar"
# Extra options for `vbench bench` (e.g. --counter valgrind) go in VBENCH_BENCH_OPTIONS.
#
# Both sides are checked out as git worktrees at paths of the same length (.../base and .../head),
# because a guest's argv and working directory are part of what it computes with.
set -euo pipefail

die() { echo "gate.sh: $*" >&2; exit 2; }

base= head=HEAD suite= threshold= out=vbench-gate repo=.
while [[ $# -gt 0 ]]; do
    case $1 in
        --base) base=${2:?--base needs a commit}; shift 2 ;;
        --head) head=${2:?--head needs a commit}; shift 2 ;;
        --suite) suite=${2:?--suite needs a path}; shift 2 ;;
        --threshold) threshold=${2:?--threshold needs a percentage}; shift 2 ;;
        --out) out=${2:?--out needs a directory}; shift 2 ;;
        --repo) repo=${2:?--repo needs a directory}; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
[[ -n $base ]] || die "--base is required"
[[ -n $suite ]] || die "--suite is required"
[[ $suite != /* ]] || die "--suite must be relative to the repository's root, not $suite"
read -r -a vbench <<<"${VBENCH:-vbench}"
read -r -a bench_options <<<"${VBENCH_BENCH_OPTIONS:-}"

root=$(git -C "$repo" rev-parse --show-toplevel) || die "$repo is not in a git repository"
base_sha=$(git -C "$root" rev-parse --verify --quiet "$base^{commit}") || die "no commit '$base' in $root"
head_sha=$(git -C "$root" rev-parse --verify --quiet "$head^{commit}") || die "no commit '$head' in $root"
mkdir -p "$out"
out=$(cd "$out" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/vbench-gate.XXXXXXXX")
cleanup() {
    git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true
    git -C "$root" worktree remove --force "$work/head" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "vbench gate: base ${base_sha:0:12}, head ${head_sha:0:12}, suite $suite" >&2
for side in base head; do
    sha=base_sha
    [[ $side == head ]] && sha=head_sha
    git -C "$root" worktree add --quiet --detach "$work/$side" "${!sha}" >&2
    [[ -f $work/$side/$suite ]] || die "$suite does not exist at the $side commit ${!sha:0:12}"
done

for side in base head; do
    echo "vbench gate: benchmarking the $side" >&2
    status=0
    "${vbench[@]}" bench "$work/$side/$suite" --out "$out/$side.json" "${bench_options[@]}" || status=$?
    # 1 (a benchmark failed or was not deterministic) still gives a result to compare: the
    # comparison names it and fails the gate. 2 and 3 give none.
    if [[ $status -ne 0 && $status -ne 1 ]]; then
        echo "vbench gate: vbench bench failed on the $side (exit $status)" >&2
        exit "$status"
    fi
done

compare=("${vbench[@]}" compare "$out/base.json" "$out/head.json")
[[ -n $threshold ]] && compare+=(--threshold "$threshold")
status=0
"${compare[@]}" || status=$?
if [[ $status -ne 0 && $status -ne 1 ]]; then
    exit "$status"
fi
# The same comparison for people (HTML, Markdown for a pull request comment) and CI (JUnit).
"${compare[@]}" --format html --out "$out/report.html" >/dev/null || [[ $? -eq 1 ]]
"${compare[@]}" --format markdown --out "$out/compare.md" >/dev/null || [[ $? -eq 1 ]]
"${compare[@]}" --format junit --out "$out/compare.xml" >/dev/null || [[ $? -eq 1 ]]
if [[ $status -eq 0 ]]; then
    echo "vbench gate: passed; reports in $out" >&2
else
    echo "vbench gate: FAILED (see above); reports in $out" >&2
fi
exit "$status"
