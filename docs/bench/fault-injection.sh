#!/usr/bin/env bash
# The full fault-injection campaign of issue 16: 100 trials per mode (kill -9, SIGTERM, SIGINT,
# timeout, injected fault), about 40 minutes on a 2-core VM. The table goes to
# docs/bench/RESULTS-faults.md. CI runs 3 per mode (FaultInjectionTest).
# Usage: docs/bench/fault-injection.sh [TRIALS_PER_MODE] [SEED]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${1:-100}
SEED=${2:-16}
cd "$ROOT"
mvn -B -q -o -pl tests -am verify -Dtest=FaultInjectionTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dvbench.faults.perMode="$N" -Dvbench.faults.seed="$SEED" -Dvbench.tests.forkTimeout=14400 \
    -Dvbench.faults.report="$ROOT/docs/bench/RESULTS-faults.md"
