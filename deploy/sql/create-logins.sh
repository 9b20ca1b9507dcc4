#!/bin/bash
# One-time (and repeatable) database set-up, run by docker-compose's `db-setup` service as `sa` before any Payments service starts:
# each service gets its own database, and its own SQL Server login that may create and change tables in that database and read and
# write them (db_ddladmin, db_datareader, db_datawriter: its migrations run at start-up) and nothing else — no server role, no other
# database. The services never use `sa`. A login's password is the Docker secret the service also mounts (Database__Passwords__<Name>).
#
# Usage: create-logins.sh DATABASE:LOGIN:SECRET_FILE[:read] ...   (sa's password in MSSQL_SA_PASSWORD)
# ':read' gives an existing service's login read access (db_datareader only) to another service's database, e.g. the operations
# console reading the sagas' and the Stripe service's tables for payout reports.
set -euo pipefail

sqlcmd=/opt/mssql-tools18/bin/sqlcmd
[ -x "$sqlcmd" ] || sqlcmd=/opt/mssql-tools/bin/sqlcmd
: "${MSSQL_SA_PASSWORD:?MSSQL_SA_PASSWORD is not set}"

for entry in "$@"; do
  IFS=: read -r database login secret_file access <<<"$entry"
  if [ ! -s "$secret_file" ]; then
    echo "db-setup: $secret_file is missing or empty: the password of login $login (see deploy/README.md, Secrets)" >&2
    exit 1
  fi
  # sqlcmd takes scripting variables from the environment: the password never appears on a command line. Quotes are doubled for N'…'.
  password=$(head -c 4096 "$secret_file" | tr -d '\r\n')
  export PAYMENTS_DATABASE="$database" PAYMENTS_LOGIN="$login" PAYMENTS_PASSWORD="${password//\'/\'\'}" PAYMENTS_ACCESS="${access:-owner}"
  "$sqlcmd" -C -S sqlserver -U sa -P "$MSSQL_SA_PASSWORD" -b -i /setup/create-login.sql
  echo "db-setup: database $database, login $login (${access:-owner}): ready"
done
