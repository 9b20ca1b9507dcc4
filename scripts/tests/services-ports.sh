#!/usr/bin/env bash
# scripts/services.sh must come up when the ports it tries first are held by sockets that do not listen, which is how
# a client connection (or its TIME_WAIT remains, for a minute after it closed) holds a port: the kernel refuses to
# bind a server there although no listening-socket check sees it. Three runs, each on its own PAYMENTS_SERVICES_DIR:
#   1. TIME_WAIT on the first PostgreSQL port, connected client sockets on the first AMQP, management and
#      distribution ports: services.sh sees them (ss, any state) and starts on other ports without a failed bind.
#   2. sockets bound but neither listening nor connected on all four (ss does not show those): the servers fail to
#      bind and services.sh starts them again on other ports.
#   3. a first PostgreSQL port inside the kernel's ephemeral range: the port taken lies outside it.
# Runs as root (services.sh does). Prints one line per check and ends with "N passed, N failed"; exits 1 on a failure.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SERVICES="$ROOT/scripts/services.sh"
PG_BIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/payments-ports-test.XXXXXX)
chmod 755 "$WORK" # the servers run as their own users and must reach their directories below it
passed=0 failed=0
holders=() dirs=() taken=()

log() { echo "[services-ports] $*" >&2; }
check() { # description, then a command that must succeed
    local what=$1; shift
    if "$@"; then
        passed=$((passed + 1)); log "passed: $what"
    else
        failed=$((failed + 1)); log "FAILED: $what"; return 1
    fi
}

cleanup() {
    local dir pid
    for dir in "${dirs[@]}"; do PAYMENTS_SERVICES_DIR="$dir" "$SERVICES" stop >/dev/null 2>&1; done
    for pid in "${holders[@]}"; do kill "$pid" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# hold MODE PORT: occupies 127.0.0.1:PORT with a TCP socket that never listens (perl-base is on every Debian).
#   connected  a client socket bound to PORT and connected to a listener of the helper's own; kept until killed
#   timewait   the same, closed by the client first: PORT stays in TIME_WAIT for a minute after the helper exits
#   bound      bound only, neither listening nor connected: ss does not list it, bind() still fails
HOLDER='
use strict; use warnings; use Socket;
my ($mode, $port) = @ARGV; my $lo = inet_aton("127.0.0.1");
socket(my $server, PF_INET, SOCK_STREAM, 0) or die "socket: $!";
bind($server, pack_sockaddr_in(0, $lo)) or die "bind: $!"; listen($server, 1) or die "listen: $!";
my $server_port = (unpack_sockaddr_in(getsockname($server)))[0];
socket(my $client, PF_INET, SOCK_STREAM, 0) or die "socket: $!";
bind($client, pack_sockaddr_in($port, $lo)) or die "bind $port: $!";
$| = 1;
if ($mode eq "bound") { print "held\n"; sleep; }
connect($client, pack_sockaddr_in($server_port, $lo)) or die "connect: $!";
accept(my $accepted, $server) or die "accept: $!";
if ($mode eq "timewait") { close $client; select(undef, undef, undef, 0.2); close $accepted; select(undef, undef, undef, 0.2); print "held\n"; exit; }
print "held\n"; sleep;
'
hold() {
    local mode=$1 port=$2 out="$WORK/hold.$2"
    perl -e "$HOLDER" "$mode" "$port" > "$out" 2>&1 &
    holders+=($!)
    for _ in $(seq 50); do grep -q held "$out" && return 0; sleep 0.1; done
    log "could not hold port $port: $(cat "$out")"
    return 1
}

socket_states() { ss -tanH "sport = :$1" | awk '{ print $1 }' | sort -u | tr '\n' ' '; }
listening() { ss -ltnH "sport = :$1" | grep -q .; }
nothing_on() { ! ss -tanH "sport = :$1" | grep -q .; }
differs() { [ -n "$1" ] && [ "$1" != "$2" ]; }
contains() { grep -q -- "$2" "$1"; }
lacks() { ! grep -q -- "$2" "$1"; }
outside_ephemeral() { [ -n "$1" ] && [ "$1" -lt "$EPHEMERAL_LOW" ] || [ "$1" -gt "$EPHEMERAL_HIGH" ]; }
read -r EPHEMERAL_LOW EPHEMERAL_HIGH < /proc/sys/net/ipv4/ip_local_port_range

# Four first ports with nothing on them, outside the ephemeral range, spread so that each run's walk stays its own.
first_ports() {
    local base=$1 i port
    FIRST=()
    for i in 0 1 2 3; do
        port=$((base + i * 100))
        while ! nothing_on "$port" || ! nothing_on $((port + 1)) || ! nothing_on $((port + 2)); do port=$((port + 3)); done
        FIRST+=("$port")
    done
}

# start_services NAME AMQP MGMT DIST PG: services.sh start on a directory of its own; its log in $WORK/NAME.log.
start_services() {
    local dir="$WORK/$1"
    dirs+=("$dir")
    PAYMENTS_SERVICES_DIR="$dir" PAYMENTS_SERVICES_AMQP_PORT=$2 PAYMENTS_SERVICES_MGMT_PORT=$3 \
        PAYMENTS_SERVICES_DIST_PORT=$4 PAYMENTS_SERVICES_PG_PORT=$5 "$SERVICES" start > "$WORK/$1.out" 2> "$WORK/$1.log"
}

# Reads the ports a run took: env.sh for AMQP, management and PostgreSQL; the last start line of the log for distribution.
ports_of() {
    local dir="$WORK/$1"
    AMQP=$(sed -n 's/^export PAYMENTS_TEST_RABBITMQ_PORT=//p' "$dir/env.sh")
    MGMT=$(sed -n 's|^export PAYMENTS_TEST_RABBITMQ_MGMT_URI=http://127.0.0.1:||p' "$dir/env.sh")
    PG=$(sed -n 's/^export PAYMENTS_TEST_POSTGRES=.*Port=\([0-9]*\);.*/\1/p' "$dir/env.sh")
    DIST=$(sed -n 's/.*starting RabbitMQ (AMQP [0-9]*, management [0-9]*, distribution \([0-9]*\)).*/\1/p' "$WORK/$1.log" | tail -n 1)
    taken+=("$AMQP" "$MGMT" "$DIST" "$PG")
}

none_listening() {
    local port
    for port in "$@"; do listening "$port" && return 1; done
    return 0
}

servers_answer() {
    curl -fsS -u guest:guest "http://127.0.0.1:$MGMT/api/overview" >/dev/null && listening "$AMQP" && listening "$DIST" \
        && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG" -d payments -U postgres
}

stop_services() { PAYMENTS_SERVICES_DIR="$WORK/$1" "$SERVICES" stop >/dev/null 2>&1; }

if [ "$(id -u)" != 0 ]; then
    log "must run as root, like scripts/services.sh"
    echo "0 passed, 1 failed"
    exit 1
fi

# 1. Client connections on the first ports.
first_ports $((20000 + RANDOM % 4000))
log "run 1: TIME_WAIT on ${FIRST[3]} (PostgreSQL), connected client sockets on ${FIRST[0]} ${FIRST[1]} ${FIRST[2]}"
check "client sockets hold the first ports" \
    eval 'hold timewait "${FIRST[3]}" && hold connected "${FIRST[0]}" && hold connected "${FIRST[1]}" && hold connected "${FIRST[2]}"'
check "the first PostgreSQL port is in TIME_WAIT before the start" contains <(socket_states "${FIRST[3]}") TIME-WAIT
if check "services.sh start succeeds beside client connections" start_services clients "${FIRST[@]}"; then
    ports_of clients
    check "PostgreSQL took another port than the TIME_WAIT one ($PG)" differs "$PG" "${FIRST[3]}"
    check "RabbitMQ took other ports than the connected ones (AMQP $AMQP, management $MGMT, distribution $DIST)" \
        eval 'differs "$AMQP" "${FIRST[0]}" && differs "$MGMT" "${FIRST[1]}" && differs "$DIST" "${FIRST[2]}"'
    check "both servers answer on the ports in env.sh" servers_answer
    check "no bind failed: the ports were seen as taken" lacks "$WORK/clients.log" "could not bind"
    check "the client connections still hold their ports" \
        eval 'contains <(socket_states "${FIRST[0]}") ESTAB && contains <(socket_states "${FIRST[3]}") TIME-WAIT'
else
    cat "$WORK/clients.log" >&2
fi
stop_services clients

# 2. Bound sockets that ss does not list: the servers fail to bind, services.sh tries the next ports.
first_ports $((24000 + RANDOM % 4000))
log "run 2: bound, unlisted sockets on ${FIRST[*]}"
check "bound sockets hold the first ports" \
    eval 'hold bound "${FIRST[0]}" && hold bound "${FIRST[1]}" && hold bound "${FIRST[2]}" && hold bound "${FIRST[3]}"'
check "ss does not list a bound-only socket" nothing_on "${FIRST[3]}"
if check "services.sh start succeeds after failed binds" start_services bound "${FIRST[@]}"; then
    ports_of bound
    check "RabbitMQ failed to bind, then started on other ports (AMQP $AMQP, management $MGMT, distribution $DIST)" \
        eval 'contains "$WORK/bound.log" "RabbitMQ could not bind" && differs "$AMQP" "${FIRST[0]}" && differs "$MGMT" "${FIRST[1]}" && differs "$DIST" "${FIRST[2]}"'
    check "PostgreSQL failed to bind ${FIRST[3]}, then started on $PG" \
        eval 'contains "$WORK/bound.log" "PostgreSQL could not bind port ${FIRST[3]}" && differs "$PG" "${FIRST[3]}"'
    check "both servers answer on the ports in env.sh" servers_answer
else
    cat "$WORK/bound.log" >&2
fi
stop_services bound

# 3. A first port inside the ephemeral range (the old PostgreSQL default 55432 was one).
in_range=$((EPHEMERAL_LOW + (EPHEMERAL_HIGH - EPHEMERAL_LOW) / 2))
while ! nothing_on "$in_range"; do in_range=$((in_range + 1)); done
if [ "$EPHEMERAL_LOW" -le 1024 ] && [ "$EPHEMERAL_HIGH" -ge 65535 ]; then
    log "skipped run 3: the ephemeral range $EPHEMERAL_LOW-$EPHEMERAL_HIGH leaves no port outside it"
else
    first_ports $((28000 + RANDOM % 2000))
    log "run 3: first PostgreSQL port $in_range, inside the ephemeral range $EPHEMERAL_LOW-$EPHEMERAL_HIGH"
    if check "services.sh start succeeds" start_services ephemeral "${FIRST[0]}" "${FIRST[1]}" "${FIRST[2]}" "$in_range"; then
        ports_of ephemeral
        check "PostgreSQL took $PG, outside the ephemeral range" outside_ephemeral "$PG"
        check "both servers answer on the ports in env.sh" servers_answer
    else
        cat "$WORK/ephemeral.log" >&2
    fi
    stop_services ephemeral
fi
check "services.sh stop left none of the ${#taken[@]} ports listening" none_listening "${taken[@]}"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
