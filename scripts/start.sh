#!/usr/bin/env bash
# The README's start command: installs what is missing, builds, loads the sample cases and starts
# the three services on the embedded defaults. Ctrl-C stops everything.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
pnpm turbo run build --output-logs=errors-only
exec node scripts/start-all.mjs "$@"
