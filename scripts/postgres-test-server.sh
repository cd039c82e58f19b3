#!/usr/bin/env bash
# A throwaway PostgreSQL server for rex's tests: a fresh cluster in a temporary folder, on a free localhost
# port, trusting local connections; nothing is written outside that folder.
#
#   eval "$(bash scripts/postgres-test-server.sh start)"    # sets REX_TEST_POSTGRES_URL and REX_TEST_POSTGRES_DIR
#   swift test --filter PostgresStoreTests
#   bash scripts/postgres-test-server.sh stop "$REX_TEST_POSTGRES_DIR"
#
# Installs PostgreSQL 15 with apt-get when no server binaries are found. Run as root (CI), the cluster belongs
# to the `postgres` system user (PostgreSQL refuses to run as root); run as anyone else, it is theirs.
# Messages go to standard error; `start` prints only the two export lines.
set -euo pipefail

log() { echo "postgres-test-server: $*" >&2; }

find_bin() {
    local d
    for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin /usr/local/pgsql/bin; do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
    done
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return 0; fi
    return 1
}

install_server() {
    log "no PostgreSQL server binaries: installing postgresql-15 with apt-get"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >&2
    # The package would create and start a cluster of its own on port 5432; we do not need it.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-15 >&2 \
        || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    if command -v pg_ctlcluster >/dev/null; then
        for c in $(pg_lsclusters -h 2>/dev/null | awk '$4=="online"{print $1"/"$2}'); do
            $sudo pg_ctlcluster "${c%/*}" "${c#*/}" stop >&2 || true
        done
    fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the cluster's owner.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        if command -v runuser >/dev/null; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
    else
        "$@"
    fi
}

start() {
    local bin port dir
    bin=$(find_bin) || { install_server; bin=$(find_bin) || { log "PostgreSQL did not install"; exit 1; }; }
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        log "running as root, but there is no postgres user to own the cluster"; exit 1
    fi
    port=${1:-$(free_port)}
    dir=$(mktemp -d "${TMPDIR:-/tmp}/rex-postgres.XXXXXX")
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >&2 || { cat "$dir/server.log" >&2; exit 1; }
    log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir"
    echo "export REX_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres"
    echo "export REX_TEST_POSTGRES_DIR=$dir"
}

stop() {
    local dir=${1:-${REX_TEST_POSTGRES_DIR:-}} bin
    [ -n "$dir" ] && [ -d "$dir/data" ] || { log "usage: $0 stop DIR (the REX_TEST_POSTGRES_DIR that start printed)"; exit 1; }
    bin=$(find_bin)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    *) echo "usage: $0 start [PORT] | stop DIR" >&2; exit 2 ;;
esac
