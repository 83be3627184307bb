#!/usr/bin/env bash
# PostgreSQL for the database suites (PG_TEST_URL). This machine kind starts one at 127.0.0.1:5432; a fresh
# Debian box does not, so when nothing answers there Debian's postgresql is installed and a throw-away cluster
# (trust authentication on the loopback only) is started on that port with the database the URL names.
# PG_TEST_URL=none runs every suite on PGlite only and says so.
set -euo pipefail
url="${PG_TEST_URL:-postgres://postgres@127.0.0.1:5432/test}"
if [ "$url" = none ]; then
  echo "[postgres] PG_TEST_URL=none: the PostgreSQL half of every database suite is SKIPPED (PGlite only)"
  exit 0
fi
rest="${url#*://}"; rest="${rest#*@}"; hostport="${rest%%/*}"; db="${rest#*/}"; db="${db%%\?*}"
host="${hostport%%:*}"; port="${hostport##*:}"; [ "$port" = "$hostport" ] && port=5432
if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then exit 0; fi
case "$host" in 127.0.0.1|localhost) ;; *) echo "[postgres] nothing answers on $host:$port and it is not this machine: start it, or set PG_TEST_URL=none" >&2; exit 1 ;; esac

echo "[postgres] nothing answers on $host:$port: starting Debian's PostgreSQL there for the tests"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
if ! command -v pg_createcluster >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! $SUDO pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version patientinsight-tests"; then
  $SUDO pg_createcluster "$version" patientinsight-tests -p "$port" -- --auth-local=trust --auth-host=trust >/dev/null
fi
$SUDO pg_ctlcluster "$version" patientinsight-tests start
for _ in $(seq 1 30); do (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && break; sleep 1; done
as_postgres psql -h "$host" -p "$port" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
  || as_postgres createdb -h "$host" -p "$port" "$db"
echo "[postgres] cluster $version/patientinsight-tests answers on $host:$port (database $db)"
