# Shared settings for the image scripts (source it). All podman/buildah state of this project lives in
# its own storage root with the vfs driver: no kernel overlay support or daemon is needed, and it never
# mixes with other containers on the machine.
PI_CONTAINERS_ROOT="${PI_CONTAINERS_ROOT:-/var/tmp/patientinsight-containers}"
PI_STORAGE_OPTS=(--root "$PI_CONTAINERS_ROOT/storage" --runroot "$PI_CONTAINERS_ROOT/run" --storage-driver vfs)
pi_podman() { podman "${PI_STORAGE_OPTS[@]}" "$@"; }
pi_buildah() { buildah "${PI_STORAGE_OPTS[@]}" "$@"; }
