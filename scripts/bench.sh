#!/usr/bin/env bash
# The end-to-end benchmark on throwaway servers with PostgreSQL's fsync on, as a deployment runs it:
#
#   scripts/bench.sh [e2e options]     # e.g. scripts/bench.sh --rates 25,50 --seconds 20 --history
#
# Starts RabbitMQ and PostgreSQL (scripts/services.sh, PAYMENTS_POSTGRES_FSYNC=on) in $PAYMENTS_BENCH_DIR (default
# /tmp/payments-bench), builds the benchmark and the services in Release, runs `Payments.Benchmarks e2e` against them and
# stops the servers again, whatever the outcome. Options: dotnet run -c Release --project tests/Payments.Benchmarks -- e2e --help
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export PAYMENTS_SERVICES_DIR="${PAYMENTS_BENCH_DIR:-/tmp/payments-bench}"
export PAYMENTS_POSTGRES_FSYNC=on
# PostgreSQL's buffer cache sized as for a database server (its default, 128 MB, is a development setting): a day of history is
# gigabytes of tables and indexes, and with 128 MB every look-up in them would be read again through the kernel. Override with
# PAYMENTS_POSTGRES_OPTIONS (e.g. "-c shared_buffers=128MB" to measure the default).
export PAYMENTS_POSTGRES_OPTIONS="${PAYMENTS_POSTGRES_OPTIONS:--c shared_buffers=2GB}"

"$ROOT/scripts/services.sh" start >/dev/null
trap '"$ROOT/scripts/services.sh" stop >/dev/null' EXIT
# shellcheck disable=SC1091
. "$PAYMENTS_SERVICES_DIR/env.sh"

dotnet build "$ROOT/tests/Payments.Benchmarks/Payments.Benchmarks.csproj" -c Release -v quiet -nologo
dotnet "$ROOT/tests/Payments.Benchmarks/bin/Release/net10.0/Payments.Benchmarks.dll" e2e "$@"
