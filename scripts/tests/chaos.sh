#!/usr/bin/env bash
# The chaos suite's short form (tests/Payments.Chaos --short): 80 charge-to-order flows through two replicas of every service on a
# RabbitMQ and a PostgreSQL of its own, while a service process is killed, the broker and the database restart and P21 goes down.
# Passes when every flow completed with exactly one P21 order and nothing is left in a queue. Needs the solution built in Release
# (scripts/test.sh builds it first) and root (scripts/services.sh starts the servers). Ends with "N passed, M failed".
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DLL="$ROOT/tests/Payments.Chaos/bin/Release/net10.0/Payments.Chaos.dll"
log() { echo "[chaos] $*" >&2; }

if [ ! -f "$DLL" ]; then
    log "FAILED: $DLL is missing (build the solution in Release first)"
    echo "0 passed, 1 failed"
    exit 1
fi

if (cd "$ROOT" && timeout 600 dotnet "$DLL" --short) >&2; then
    log "passed: short chaos run (kills, broker and database restarts, P21 down): 0 lost, 0 doubled"
    echo "1 passed, 0 failed"
else
    log "FAILED: short chaos run (see the table and the service logs it names)"
    echo "0 passed, 1 failed"
    exit 1
fi
