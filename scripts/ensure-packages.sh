# Sourced by ./vbench and ./run-tests: makes sure the system packages a task needs are present.
# As root it installs what is missing with apt-get; otherwise it prints the exact command and fails.
#
# Usage: ensure_packages COMMAND:PACKAGE [COMMAND:PACKAGE ...]
#   COMMAND is looked up on PATH (or tested as a path if it starts with /); PACKAGE is the Debian
#   package that provides it.

ensure_packages() {
    local missing=() pair cmd pkg
    for pair in "$@"; do
        cmd=${pair%%:*}
        pkg=${pair#*:}
        if [[ $cmd == /* ]]; then
            [[ -e $cmd ]] && continue
        else
            command -v "$cmd" >/dev/null 2>&1 && continue
        fi
        [[ " ${missing[*]} " == *" $pkg "* ]] || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "vbench: installing missing packages: ${missing[*]}" >&2
        if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
               DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >&2; then
            echo "vbench: apt-get could not install: ${missing[*]}" >&2
            return 1
        fi
        return 0
    fi
    echo "vbench: missing system packages: ${missing[*]}" >&2
    echo "vbench: install them with:  sudo apt-get install ${missing[*]}" >&2
    return 1
}
