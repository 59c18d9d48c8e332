#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite, from Debian's postgresql package.
#
#   eval "$(scripts/postgres.sh start DIR)"   # prints: export HANDOVER_TEST_POSTGRES_URL=postgres://...
#   scripts/postgres.sh stop DIR
#
# The cluster lives in DIR (created if missing), listens on 127.0.0.1 only, on a free port, and
# trusts local connections: it holds test data only. initdb refuses to run as root, so under
# root (as in CI) the server runs as the package's `postgres` system user.
set -euo pipefail

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql; run scripts/setup.sh" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$command" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    # --no-sync only skips syncing initdb's own files; the server itself runs with fsync on.
    as_owner "$bin/initdb" --pgdata="$dir/data" --username=handover --auth=trust --no-sync --encoding=UTF8 >"$dir/initdb.log"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # Tests run in parallel, each with a database and a pool of its own, hence the connection limit.
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=500" start >&2
    echo "export HANDOVER_TEST_POSTGRES_URL=postgres://handover@127.0.0.1:$port/postgres?sslmode=disable"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" --pgdata="$dir/data" --wait --silent --mode=fast stop >&2 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
