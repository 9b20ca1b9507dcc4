#!/usr/bin/env bash
# The project's test command (CI runs it through .ci/run):
#   1. installs what is missing (rabbitmq-server, docker-compose) with apt-get,
#   2. starts a throwaway RabbitMQ + PostgreSQL on loopback (scripts/services.sh) unless
#      PAYMENTS_TEST_RABBITMQ_HOST is already set (a developer's running services: eval "$(scripts/services.sh env)"),
#   3. runs every test project in Payments.sln, printing each test's result, in two lanes (see below),
#   4. in the shorter lane once its suites are done, runs the sandbox (the README's run command) once, the script tests (scripts/tests/*.sh, each ending with
#      "N passed, N failed"), validates docker-compose.yml and checks formatting (dotnet format --verify-no-changes,
#      the rules in .editorconfig),
#   5. stops the servers it started, whatever happened, and ends with "N passed, N failed, N skipped".
# Configuration: PAYMENTS_TEST_CONFIGURATION (Release), PAYMENTS_TEST_FILTER (a dotnet test --filter expression).
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CONFIGURATION="${PAYMENTS_TEST_CONFIGURATION:-Release}"
RESULTS="$ROOT/TestResults/run"

log() { echo "[test] $*" >&2; }

install_missing() {
    local packages=()
    command -v rabbitmq-server >/dev/null 2>&1 || packages+=(rabbitmq-server)
    command -v docker-compose >/dev/null 2>&1 || packages+=(docker-compose)
    [ -x /usr/lib/postgresql/15/bin/postgres ] || packages+=(postgresql-15)
    # The operations console's browser tests (tests/Payments.EndToEnd.Tests/Console): headless Chromium and its WebDriver.
    [ -x /usr/bin/chromium ] || packages+=(chromium)
    [ -x /usr/bin/chromedriver ] || packages+=(chromium-driver)
    [ ${#packages[@]} -eq 0 ] && return 0
    log "installing ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
}

started_services=""
stop_services() {
    if [ -n "$started_services" ]; then
        PAYMENTS_SERVICES_DIR="$started_services" "$ROOT/scripts/services.sh" stop || true
    fi
}
trap stop_services EXIT
trap 'exit 130' INT TERM

install_missing || { log "could not install the packages the tests need"; echo "0 passed, 1 failed"; exit 1; }

if [ -z "${PAYMENTS_TEST_RABBITMQ_HOST:-}" ]; then
    started_services=$(mktemp -d /tmp/payments-test.XXXXXX)
    if ! PAYMENTS_SERVICES_DIR="$started_services" "$ROOT/scripts/services.sh" start >/dev/null; then
        log "RabbitMQ/PostgreSQL did not start"
        echo "0 passed, 1 failed"
        exit 1
    fi
    # shellcheck disable=SC1091
    source "$started_services/env.sh"
else
    log "using the running services at $PAYMENTS_TEST_RABBITMQ_HOST:${PAYMENTS_TEST_RABBITMQ_PORT:-5672}"
fi
log "RabbitMQ amqp://$PAYMENTS_TEST_RABBITMQ_HOST:$PAYMENTS_TEST_RABBITMQ_PORT, management $PAYMENTS_TEST_RABBITMQ_MGMT_URI; PostgreSQL $PAYMENTS_TEST_POSTGRES"

rm -rf "$RESULTS"
filter=()
[ -n "${PAYMENTS_TEST_FILTER:-}" ] && filter=(--filter "$PAYMENTS_TEST_FILTER")
started=$SECONDS
# Build once, then test in two lanes at once: the suites that start service processes and a browser (Integration, EndToEnd)
# beside all the others. Most of a suite's time is waiting (for the broker, for a harness to go idle, for a retry), so two
# lanes on two cores take about the time of the longer one instead of the sum. A hung test is dumped and killed rather than
# eating the CI's 90 minutes.
process_lane=(Payments.Integration.Tests Payments.EndToEnd.Tests)
other_lane=()
for project in tests/*/*.Tests.csproj; do
    name=$(basename "$project" .csproj)
    [[ " ${process_lane[*]} " == *" $name "* ]] || other_lane+=("$name")
done
run_lane() {
    local label=$1 status=0
    shift
    for name in "$@"; do
        dotnet test "tests/$name/$name.csproj" -c "$CONFIGURATION" --no-build "${filter[@]}" \
            --logger "console;verbosity=normal" --logger "trx" --results-directory "$RESULTS" \
            --blame-hang-timeout 10m < /dev/null 2>&1 | sed -u "s/^/[$label] /"
        [ "${PIPESTATUS[0]}" -ne 0 ] && status=1
    done
    return $status
}
# The checks after the unit suites: the sandbox, the script tests, docker-compose.yml and formatting. They run in the lane of the
# shorter suites once those are done, beside the longer process suites (their own servers, their own ports).
sandbox_status=0 script_passed=0 script_failed=0 compose_status=0 format_status=0
run_checks() {
    # The README's run command, as a user runs it: the sandbox must complete its flow and exit 0.
    local sandbox_data
    sandbox_data=$(mktemp -d /tmp/payments-sandbox.XXXXXX)
    if dotnet run -c "$CONFIGURATION" --no-build --project src/Payments.Sandbox -- --data "$sandbox_data" < /dev/null; then
        log "sandbox run completed"
    else
        log "sandbox run did not complete"
        sandbox_status=1
    fi
    rm -rf "$sandbox_data"

    # Script tests: each prints its checks and ends with "N passed, N failed"; a script that ends otherwise counts as failed.
    local script summary script_status
    for script in scripts/tests/*.sh; do
        [ -e "$script" ] || continue
        log "running $script"
        summary=$("$script" < /dev/null | tail -n 1) # pipefail: the status is the script's
        script_status=$?
        if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
            script_passed=$((script_passed + BASH_REMATCH[1]))
            script_failed=$((script_failed + BASH_REMATCH[2]))
            [ $script_status -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ] && script_failed=$((script_failed + 1))
        else
            script_failed=$((script_failed + 1))
        fi
        log "$script: ${summary:-no summary} (status $script_status)"
    done

    if [ -f docker-compose.yml ]; then
        if docker-compose --env-file .env.example -f docker-compose.yml config -q; then
            log "docker-compose.yml is valid"
        else
            log "docker-compose.yml is invalid"
            compose_status=1
        fi
    fi

    # Formatting, as .editorconfig states it; `dotnet format Payments.sln` fixes what this reports.
    if dotnet format Payments.sln --verify-no-changes --no-restore < /dev/null; then
        log "formatting matches .editorconfig"
    else
        log "formatting differs from .editorconfig (run: dotnet format Payments.sln)"
        format_status=1
    fi
}

tests_status=0
if dotnet build Payments.sln -c "$CONFIGURATION" < /dev/null; then
    run_lane processes "${process_lane[@]}" &
    process_lane_pid=$!
    run_lane others "${other_lane[@]}" || tests_status=1
    log "the other suites finished in $((SECONDS - started)) s; the checks run beside the process suites"
    run_checks > >(sed -u "s/^/[checks] /") 2>&1
    wait "$process_lane_pid" || tests_status=1
else
    tests_status=1
    run_checks > >(sed -u "s/^/[checks] /") 2>&1
fi
log "dotnet test and the checks finished in $((SECONDS - started)) s with test status $tests_status"

# Count from the TRX files so every test project is included, however many there are.
count() { cat "$RESULTS"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*' | grep -c "outcome=\"$1\"" || true; }
passed=$(count Passed)
failed=$(( $(count Failed) + $(count Error) + $(count Timeout) + $(count Aborted) ))
skipped=$(( $(count NotExecuted) + $(count Inconclusive) ))
if [ $tests_status -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # the build or the test host failed before any test could report
fi
[ $compose_status -ne 0 ] && failed=$((failed + 1))
[ $format_status -ne 0 ] && failed=$((failed + 1))
[ $format_status -eq 0 ] && passed=$((passed + 1))
[ $sandbox_status -ne 0 ] && failed=$((failed + 1))
[ $sandbox_status -eq 0 ] && passed=$((passed + 1))
passed=$((passed + script_passed))
failed=$((failed + script_failed))

echo "$passed passed, $failed failed, $skipped skipped"
[ $tests_status -ne 0 ] && exit $tests_status
[ $sandbox_status -ne 0 ] && exit $sandbox_status
[ $script_failed -ne 0 ] && exit 1
[ $format_status -ne 0 ] && exit 1
exit $compose_status
