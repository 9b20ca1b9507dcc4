#!/usr/bin/env bash
# The delivery pipeline (.github/workflows/ci.yml) must keep doing what deploy/README.md says:
#   1. the workflow parses, its test job runs exactly the test command (.ci/run) on Debian 12 with the .NET 10 SDK;
#   2. its images job builds through docker-compose.yml, so every service compose builds is an image of the release:
#      each one built from deploy/Dockerfile, named ${PAYMENTS_REGISTRY}/payments-<service>:${PAYMENTS_IMAGE_TAG} and given
#      VERSION, checked on the file compose resolves with a sample version;
#   3. the Dockerfile turns VERSION into the assemblies' version and the image's label.
# Needs python3 with PyYAML (docker-compose 1.x brings both). Ends with "N passed, N failed"; exits 1 on a failure.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
passed=0 failed=0
log() { echo "[ci-workflow] $*" >&2; }
check() {
    local what=$1; shift
    if "$@"; then passed=$((passed + 1)); log "passed: $what"; else failed=$((failed + 1)); log "FAILED: $what"; fi
}

workflow_runs_the_test_command() {
    python3 - "$ROOT/.github/workflows/ci.yml" <<'PY'
import sys, yaml
w = yaml.safe_load(open(sys.argv[1]))
test = w["jobs"]["test"]
runs = [s.get("run", "") for s in test["steps"]]
assert any(r.strip().endswith("./.ci/run") for r in runs), runs
assert test["container"] == "debian:12", test["container"]
assert any("--jsonfile global.json" in r for r in runs), runs
assert test.get("timeout-minutes", 0) <= 90
images = w["jobs"]["images"]
assert images["needs"] == "test"
assert any("compose --profile sandbox build" in s.get("run", "") for s in images["steps"])
PY
}

every_built_service_is_a_versioned_image() {
    local resolved
    resolved=$(cd "$ROOT" && PAYMENTS_VERSION=9.8.7-ci.1+abc PAYMENTS_IMAGE_TAG=9.8.7-ci.1-abc PAYMENTS_REGISTRY=registry.test/acme \
        docker-compose --env-file .env.example --profile sandbox config 2>/dev/null) || return 1
    python3 -c '
import sys, yaml
services = yaml.safe_load(sys.stdin)["services"]
built = {name: s for name, s in services.items() if "build" in s}
assert len(built) >= 6, sorted(built)
for name, s in built.items():
    assert s["build"]["dockerfile"] == "deploy/Dockerfile", name
    assert s["build"]["args"]["VERSION"] == "9.8.7-ci.1+abc", (name, s["build"]["args"])
    assert s["image"] == f"registry.test/acme/payments-{name}:9.8.7-ci.1-abc", (name, s.get("image"))
' <<<"$resolved"
}

dockerfile_uses_the_version() {
    grep -q '^ARG VERSION=' "$ROOT/deploy/Dockerfile" \
        && grep -q '/p:Version=\$VERSION' "$ROOT/deploy/Dockerfile" \
        && grep -q 'org.opencontainers.image.version="\${VERSION}"' "$ROOT/deploy/Dockerfile"
}

check "the workflow runs .ci/run on Debian 12 with the .NET 10 SDK, then builds the images" workflow_runs_the_test_command
check "every service compose builds is named payments-<service>:<tag> and built with VERSION" every_built_service_is_a_versioned_image
check "the Dockerfile stamps VERSION on the assemblies and the image" dockerfile_uses_the_version

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
