#!/usr/bin/env bash
# Throwaway RabbitMQ 3.10 (with the management plugin) and PostgreSQL 15 on loopback, for tests and development.
#
#   scripts/services.sh start   # installs what is missing, starts both, waits until ready, writes $DIR/env.sh
#   scripts/services.sh env     # prints the export lines (eval "$(scripts/services.sh env)")
#   scripts/services.sh stop    # stops both and deletes their data
#   scripts/services.sh restart-rabbitmq   # stops the broker and starts it again on the same ports, keeping its data
#   scripts/services.sh restart-postgres   # stops PostgreSQL (fast shutdown) and starts it again, keeping its data
#
# The restarts are for the chaos suite (tests/Payments.Chaos), which runs on a DIR of its own: clients see the broker or the
# database go away and come back, as a server's restart in production looks.
#
# DIR is $PAYMENTS_SERVICES_DIR, default /tmp/payments-services. Ports: AMQP 5672, management 15672, Erlang
# distribution 25672, PostgreSQL 15432 (first tried; PAYMENTS_SERVICES_{AMQP,MGMT,DIST,PG}_PORT change them). A port is
# taken only when no TCP socket of any state uses it and it lies outside the kernel's ephemeral range; a server that
# still cannot bind (a socket bound but not yet connected is invisible to ss) is restarted on the next port, up to
# $PAYMENTS_SERVICES_PORT_ATTEMPTS (5) times. Why: a client connection, or its TIME_WAIT remains for a minute after
# it closed, holds a local port from the ephemeral range, and a server cannot bind that port although nothing listens.
# PostgreSQL runs with fsync=off (tests need no durability across a power cut); PAYMENTS_POSTGRES_FSYNC=on keeps fsync on,
# as the benchmarks need to measure what a deployment gets. max_connections is 300: replicas of every service, each
# with its pool, outgrow PostgreSQL's default of 100. PAYMENTS_POSTGRES_OPTIONS adds server options for a profiling run, e.g.
# "-c shared_preload_libraries=pg_stat_statements" (statement counts per flow in the end-to-end benchmark).
# Runs as root (apt-get, and the servers drop to their own users) on Debian 12.
set -euo pipefail

DIR="${PAYMENTS_SERVICES_DIR:-/tmp/payments-services}"
PG_BIN=/usr/lib/postgresql/15/bin
PORT_ATTEMPTS="${PAYMENTS_SERVICES_PORT_ATTEMPTS:-5}"
PG_FSYNC="${PAYMENTS_POSTGRES_FSYNC:-off}"
PG_OPTIONS="${PAYMENTS_POSTGRES_OPTIONS:-}"

log() { echo "[services] $*" >&2; }

# Ports this run has chosen or failed to bind: never handed out twice.
declare -A PORTS_AVOIDED=()

# Sets PICKED to the first port from $1 upwards (wrapping round to 1024) that no TCP socket uses, in any state
# (listening, connected, TIME_WAIT, ...), that this run has not avoided, and that lies outside the ephemeral range
# (/proc/sys/net/ipv4/ip_local_port_range) from which the kernel gives client connections their local ports. A port
# in that range is taken only when none outside it is free (a box that lends every port to clients).
pick_port() {
    local first=$1 low=32768 high=60999 port pass i
    { read -r low high < /proc/sys/net/ipv4/ip_local_port_range; } 2>/dev/null || true
    local -A in_use=()
    for port in $(ss -tanH | awk '{ n = split($4, a, ":"); print a[n] }'); do in_use[$port]=1; done
    for pass in outside-ephemeral any; do
        port=$first
        for ((i = 1024; i <= 65535; i++)); do
            if [ -z "${in_use[$port]:-}" ] && [ -z "${PORTS_AVOIDED[$port]:-}" ] \
                && { [ $pass = any ] || [ "$port" -lt "$low" ] || [ "$port" -gt "$high" ]; }; then
                PORTS_AVOIDED[$port]=1
                PICKED=$port
                return 0
            fi
            port=$((port >= 65535 ? 1024 : port + 1))
        done
    done
    log "no free TCP port left"
    return 1
}

install_missing() {
    local packages=()
    command -v rabbitmq-server >/dev/null 2>&1 || packages+=(rabbitmq-server)
    [ -x "$PG_BIN/postgres" ] || packages+=(postgresql-15)
    command -v ss >/dev/null 2>&1 || packages+=(iproute2)
    command -v curl >/dev/null 2>&1 || packages+=(curl)
    [ ${#packages[@]} -eq 0 ] && return 0
    log "installing ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
}

# One node name per AMQP port, so a second throwaway broker (a test run beside a developer's) does not clash.
node_name() { echo "payments-$1@localhost"; }

rabbit_env() {
    export RABBITMQ_NODENAME="$1"
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    export RABBITMQ_MNESIA_BASE="$DIR/rabbitmq/mnesia"
    export RABBITMQ_LOG_BASE="$DIR/rabbitmq/log"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/rabbitmq/enabled_plugins"
    export RABBITMQ_CONFIG_FILE="$DIR/rabbitmq/rabbitmq.conf"
    # Keep Erlang distribution (node-to-CLI traffic) on loopback too.
    export ERL_EPMD_ADDRESS=127.0.0.1
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

# Starts the broker in its own session (it outlives this script) and waits: 0 when its management API answers,
# 2 when it died because a port was taken (then another try on other ports helps), 1 on any other failure.
start_rabbitmq() {
    local amqp=$1 mgmt=$2 dist=$3 node
    node=$(node_name "$amqp")
    mkdir -p "$DIR/rabbitmq/mnesia" "$DIR/rabbitmq/log"
    echo '[rabbitmq_management].' > "$DIR/rabbitmq/enabled_plugins"
    cat > "$DIR/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt
loopback_users = none
EOF
    echo "$node" > "$DIR/rabbitmq/nodename"
    echo "$amqp $mgmt $dist" > "$DIR/rabbitmq/ports"
    # The Debian start script switches to the rabbitmq user: it must own every directory it writes.
    chown -R rabbitmq:rabbitmq "$DIR/rabbitmq"
    rabbit_env "$node"
    export RABBITMQ_DIST_PORT="$dist"
    log "starting RabbitMQ (AMQP $amqp, management $mgmt, distribution $dist)"
    # In the foreground of a session of its own rather than -detached: the script then holds a process that lives as
    # long as the broker (setsid -w), sees at once when it dies (a port it cannot bind), and the boot errors land in
    # startup.log.
    setsid -w rabbitmq-server > "$DIR/rabbitmq/startup.log" 2>&1 < /dev/null &
    local pid=$! deadline=$((SECONDS + 120))
    until curl -fsS -u guest:guest "http://127.0.0.1:$mgmt/api/overview" >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null; then
            if grep -qE 'eaddrinuse|dist_port_already_used' "$DIR/rabbitmq/startup.log" "$DIR/rabbitmq/log/$node.log" 2>/dev/null; then
                log "RabbitMQ could not bind one of its ports (AMQP $amqp, management $mgmt, distribution $dist)"
                return 2
            fi
            log "RabbitMQ stopped while starting; its log:"
            tail -n 50 "$DIR/rabbitmq/startup.log" >&2 || true
            return 1
        fi
        if [ $SECONDS -ge $deadline ]; then
            log "RabbitMQ did not answer within 120 s; its log:"
            tail -n 50 "$DIR/rabbitmq/startup.log" "$DIR/rabbitmq/log/$node.log" >&2 || true
            return 1
        fi
        sleep 1
    done
    # The management API answers a moment before the AMQP listener accepts.
    until curl -fsS -u guest:guest "http://127.0.0.1:$mgmt/api/healthchecks/node" >/dev/null 2>&1; do sleep 1; done
}

# 0 when the server runs and accepts, 2 when its port was taken, 1 on any other failure.
start_postgres() {
    local port=$1 logfile="$DIR/postgres/server.log" before
    if [ ! -f "$DIR/postgres/PG_VERSION" ]; then
        mkdir -p "$DIR/postgres"
        chown postgres:postgres "$DIR/postgres"
        su postgres -s /bin/sh -c "$PG_BIN/initdb -D '$DIR/postgres' -A trust -U postgres" >/dev/null
    fi
    log "starting PostgreSQL 15 (port $port)"
    before=$(stat -c %s "$logfile" 2>/dev/null || echo 0)
    if ! su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$DIR/postgres' -l '$logfile' \
        -o \"-p $port -c listen_addresses=127.0.0.1 -k '$DIR/postgres' -c fsync=$PG_FSYNC -c max_connections=300 $PG_OPTIONS\" -w start" >/dev/null; then
        if tail -c +$((before + 1)) "$logfile" | grep -q 'Address already in use'; then
            log "PostgreSQL could not bind port $port"
            return 2
        fi
        log "PostgreSQL did not start; its log:"
        tail -c +$((before + 1)) "$logfile" | tail -n 30 >&2
        return 1
    fi
    su postgres -s /bin/sh -c "$PG_BIN/createdb -h 127.0.0.1 -p $port -U postgres payments"
}

# Both answer on the ports the env file names.
still_running() {
    (
        . "$DIR/env.sh"
        local pg_port=${PAYMENTS_TEST_POSTGRES#*Port=}; pg_port=${pg_port%%;*}
        exec 3<>"/dev/tcp/127.0.0.1/$PAYMENTS_TEST_RABBITMQ_PORT" && exec 4<>"/dev/tcp/127.0.0.1/$pg_port"
    ) 2>/dev/null
}

cmd_start() {
    if [ -f "$DIR/env.sh" ]; then
        if still_running; then
            log "already running (see $DIR/env.sh)"
            cat "$DIR/env.sh"
            return 0
        fi
        # Left behind by a machine restart or a killed session: clear it and start afresh.
        log "stale $DIR (the broker or the database no longer answers): starting again"
        cmd_stop
    fi
    install_missing
    mkdir -p "$DIR"
    chmod 755 "$DIR"
    local amqp mgmt dist pg attempt status

    for ((attempt = 1; ; attempt++)); do
        pick_port "${PAYMENTS_SERVICES_AMQP_PORT:-5672}"; amqp=$PICKED
        pick_port "${PAYMENTS_SERVICES_MGMT_PORT:-15672}"; mgmt=$PICKED
        pick_port "${PAYMENTS_SERVICES_DIST_PORT:-25672}"; dist=$PICKED
        status=0; start_rabbitmq "$amqp" "$mgmt" "$dist" || status=$?
        [ $status -eq 0 ] && break
        [ $status -eq 2 ] && [ "$attempt" -lt "$PORT_ATTEMPTS" ] || return 1
        log "trying again on other ports ($attempt of $PORT_ATTEMPTS)"
    done

    for ((attempt = 1; ; attempt++)); do
        pick_port "${PAYMENTS_SERVICES_PG_PORT:-15432}"; pg=$PICKED
        status=0; start_postgres "$pg" || status=$?
        [ $status -eq 0 ] && break
        [ $status -eq 2 ] && [ "$attempt" -lt "$PORT_ATTEMPTS" ] || return 1
        log "trying again on another port ($attempt of $PORT_ATTEMPTS)"
    done

    cat > "$DIR/env.sh" <<EOF
export PAYMENTS_TEST_RABBITMQ_HOST=127.0.0.1
export PAYMENTS_TEST_RABBITMQ_PORT=$amqp
export PAYMENTS_TEST_RABBITMQ_MGMT_URI=http://127.0.0.1:$mgmt
export PAYMENTS_TEST_RABBITMQ_USER=guest
export PAYMENTS_TEST_RABBITMQ_PASS=guest
export PAYMENTS_TEST_POSTGRES='Host=127.0.0.1;Port=$pg;Database=payments;Username=postgres'
EOF
    log "ready; load the settings with: eval \"\$(scripts/services.sh env)\""
    cat "$DIR/env.sh"
}

cmd_stop() {
    if [ -f "$DIR/rabbitmq/nodename" ]; then
        local node
        node=$(cat "$DIR/rabbitmq/nodename")
        rabbit_env "$node"
        rabbitmqctl -n "$node" stop >/dev/null 2>&1 || log "RabbitMQ was not running"
    fi
    if [ -f "$DIR/postgres/postmaster.pid" ]; then
        su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$DIR/postgres' -m fast -w stop" >/dev/null 2>&1 || log "PostgreSQL was not running"
    fi
    rm -rf "$DIR"
    log "stopped"
}

# The same node on the same ports (its queues and messages are on disk in $DIR), as a broker's restart in production.
cmd_restart_rabbitmq() {
    [ -f "$DIR/rabbitmq/ports" ] || { log "no broker started in $DIR"; return 1; }
    local node amqp mgmt dist
    node=$(cat "$DIR/rabbitmq/nodename")
    read -r amqp mgmt dist < "$DIR/rabbitmq/ports"
    rabbit_env "$node"
    log "stopping RabbitMQ ($node)"
    rabbitmqctl -n "$node" stop >/dev/null 2>&1 || log "RabbitMQ was not running"
    start_rabbitmq "$amqp" "$mgmt" "$dist"
    log "RabbitMQ restarted"
}

# pg_ctl restart keeps the server's command line (port, fsync, max_connections) from postmaster.opts.
cmd_restart_postgres() {
    [ -f "$DIR/postgres/PG_VERSION" ] || { log "no PostgreSQL started in $DIR"; return 1; }
    log "restarting PostgreSQL"
    su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$DIR/postgres' -l '$DIR/postgres/server.log' -m fast -w restart" >/dev/null
    log "PostgreSQL restarted"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    env) cat "$DIR/env.sh" ;;
    restart-rabbitmq) cmd_restart_rabbitmq ;;
    restart-postgres) cmd_restart_postgres ;;
    *) echo "usage: $0 start|stop|env|restart-rabbitmq|restart-postgres" >&2; exit 2 ;;
esac
