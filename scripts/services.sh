#!/usr/bin/env bash
# Throwaway RabbitMQ 3.10 (with the management plugin) and PostgreSQL 15 on loopback, for tests and development.
#
#   scripts/services.sh start   # installs what is missing, starts both, waits until ready, writes $DIR/env.sh
#   scripts/services.sh env     # prints the export lines (eval "$(scripts/services.sh env)")
#   scripts/services.sh stop    # stops both and deletes their data
#
# DIR is $PAYMENTS_SERVICES_DIR, default /tmp/payments-services. Ports: AMQP 5672, management 15672,
# PostgreSQL 55432, each moved up to the next free port when taken (another broker on the box, say).
# Runs as root (apt-get, and the servers drop to their own users) on Debian 12.
set -euo pipefail

DIR="${PAYMENTS_SERVICES_DIR:-/tmp/payments-services}"
PG_BIN=/usr/lib/postgresql/15/bin

log() { echo "[services] $*" >&2; }

port_free() { ! ss -ltnH "sport = :$1" | grep -q .; }

next_free_port() {
    local port=$1
    while ! port_free "$port"; do port=$((port + 1)); done
    echo "$port"
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

start_rabbitmq() {
    local amqp=$1 mgmt=$2 dist=$3
    mkdir -p "$DIR/rabbitmq/mnesia" "$DIR/rabbitmq/log"
    echo '[rabbitmq_management].' > "$DIR/rabbitmq/enabled_plugins"
    cat > "$DIR/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt
loopback_users = none
EOF
    # The Debian start script switches to the rabbitmq user: it must own every directory it writes.
    node_name "$amqp" > "$DIR/rabbitmq/nodename"
    chown -R rabbitmq:rabbitmq "$DIR/rabbitmq"
    rabbit_env "$(node_name "$amqp")"
    export RABBITMQ_DIST_PORT="$dist"
    log "starting RabbitMQ (AMQP $amqp, management $mgmt)"
    rabbitmq-server -detached > "$DIR/rabbitmq/startup.log" 2>&1
}

start_postgres() {
    local port=$1
    mkdir -p "$DIR/postgres"
    chown postgres:postgres "$DIR/postgres"
    su postgres -s /bin/sh -c "$PG_BIN/initdb -D '$DIR/postgres' -A trust -U postgres" >/dev/null
    log "starting PostgreSQL 15 (port $port)"
    su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$DIR/postgres' -l '$DIR/postgres/server.log' \
        -o \"-p $port -c listen_addresses=127.0.0.1 -k '$DIR/postgres' -c fsync=off\" -w start" >/dev/null
    su postgres -s /bin/sh -c "$PG_BIN/createdb -h 127.0.0.1 -p $port -U postgres payments"
}

wait_for_rabbitmq() {
    local mgmt=$1 deadline=$((SECONDS + 120))
    until curl -fsS -u guest:guest "http://127.0.0.1:$mgmt/api/overview" >/dev/null 2>&1; do
        if [ $SECONDS -ge $deadline ]; then
            log "RabbitMQ did not answer within 120 s; its log:"
            tail -n 50 "$DIR"/rabbitmq/startup.log "$DIR"/rabbitmq/log/*.log >&2 || true
            return 1
        fi
        sleep 1
    done
    # The management API answers a moment before the AMQP listener accepts.
    until curl -fsS -u guest:guest "http://127.0.0.1:$mgmt/api/healthchecks/node" >/dev/null 2>&1; do sleep 1; done
}

cmd_start() {
    if [ -f "$DIR/env.sh" ]; then
        log "already running (see $DIR/env.sh)"
        cat "$DIR/env.sh"
        return 0
    fi
    install_missing
    mkdir -p "$DIR"
    chmod 755 "$DIR"
    local amqp mgmt dist pg
    amqp=$(next_free_port 5672)
    mgmt=$(next_free_port 15672)
    [ "$mgmt" = "$amqp" ] && mgmt=$(next_free_port $((mgmt + 1)))
    dist=$(next_free_port 25672)
    pg=$(next_free_port 55432)

    start_rabbitmq "$amqp" "$mgmt" "$dist"
    start_postgres "$pg"
    wait_for_rabbitmq "$mgmt"

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

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    env) cat "$DIR/env.sh" ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
