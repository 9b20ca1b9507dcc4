#!/usr/bin/env bash
# Publishes every service as its image does (deploy/Dockerfile: `dotnet publish -c Release`) into one folder, a subfolder per
# project, so that the end-to-end benchmark or the chaos suite can run the services as published instead of from bin/Release:
#
#   scripts/publish-services.sh [DIR [dotnet publish options…]]     # DIR defaults to /tmp/payments-published
#   PAYMENTS_SERVICE_PUBLISH_DIR=DIR scripts/bench.sh …
#
# Further options go to every `dotnet publish`, to measure a publishing choice before the image takes it, e.g. ReadyToRun:
#   scripts/publish-services.sh /tmp/r2r -r linux-x64 --self-contained false -p:PublishReadyToRun=true
# (deploy/README.md, "Memory", has what ReadyToRun measured.)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-/tmp/payments-published}"
shift || true
for project in Payments.Gateway Payments.Sagas Payments.P21Service Payments.StripeService Payments.ZnodeService; do
  echo "publishing $project to $OUT/$project"
  dotnet publish "$ROOT/src/$project/$project.csproj" -c Release -o "$OUT/$project" -v quiet -nologo "$@"
done
