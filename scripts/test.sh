#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every test through `turbo test`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
bash "$ROOT/scripts/ensure-system-packages.sh"
cd "$ROOT"
export PG_TEST_URL="${PG_TEST_URL:-postgres://postgres@127.0.0.1:5432/test}"
bash "$ROOT/scripts/ensure-postgres.sh"
export REDIS_TEST_URL="${REDIS_TEST_URL:-redis://127.0.0.1:6379}"
bash "$ROOT/scripts/ensure-redis.sh"
# Two cores: at most two test tasks at once (several suites boot real services and databases).
# test:images builds and boots the container images (deploy/test/images.spec.ts), its own task.
pnpm turbo run test test:images --concurrency=2 --continue=dependencies-successful "$@"
