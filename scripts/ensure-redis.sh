#!/usr/bin/env bash
# Redis for the rate-limit suites (REDIS_TEST_URL): two backend instances sharing one store. This machine kind runs
# one at 127.0.0.1:6379; a fresh Debian box does not, so when nothing answers there Debian's redis-server is
# installed and started on that port (loopback only, nothing persisted). REDIS_TEST_URL=none skips those suites and says so.
set -euo pipefail
url="${REDIS_TEST_URL:-redis://127.0.0.1:6379}"
if [ "$url" = none ]; then
  echo "[redis] REDIS_TEST_URL=none: the Redis half of the rate-limit suites is SKIPPED (memory store only)"
  exit 0
fi
rest="${url#*://}"; rest="${rest#*@}"; hostport="${rest%%/*}"
host="${hostport%%:*}"; port="${hostport##*:}"; [ "$port" = "$hostport" ] && port=6379
if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then exit 0; fi
case "$host" in 127.0.0.1|localhost) ;; *) echo "[redis] nothing answers on $host:$port and it is not this machine: start it, or set REDIS_TEST_URL=none" >&2; exit 1 ;; esac

echo "[redis] nothing answers on $host:$port: starting Debian's redis-server there for the tests"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if ! command -v redis-server >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi
redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no --pidfile "/tmp/patientinsight-redis-$port.pid" --logfile "/tmp/patientinsight-redis-$port.log"
for _ in $(seq 1 30); do (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && break; sleep 0.2; done
if ! (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then echo "[redis] redis-server did not come up on $host:$port (see /tmp/patientinsight-redis-$port.log)" >&2; exit 1; fi
echo "[redis] redis-server answers on $host:$port"
