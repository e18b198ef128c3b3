#!/usr/bin/env bash
# Creates (or reuses) a hot standby of the local PostgreSQL cluster for the read-replica spec:
# pg_basebackup (streaming, a replication slot so it cannot fall behind the WAL it needs) into a second
# cluster directory, started on 127.0.0.1:$REPLICA_PORT (default 5433) as the postgres user.
#   bash .ci/replica.sh start   prints nothing; the standby answers on the port afterwards
#   bash .ci/replica.sh stop    stops it, removes its directory and drops the slot
set -euo pipefail
ver="$(ls /etc/postgresql | head -1)"
bin="/usr/lib/postgresql/$ver/bin"
port="${REPLICA_PORT:-5433}"
dir="/var/lib/postgresql/$ver/helixgate-replica-$port"
slot="helixgate_replica_$port"
hba="/etc/postgresql/$ver/main/pg_hba.conf"
primary=(-h 127.0.0.1 -p 5432 -U root -d postgres)

case "${1:-start}" in
  start)
    if pg_isready -q -h 127.0.0.1 -p "$port"; then exit 0; fi
    # Replication connections from loopback (the primary's own "all" lines do not cover them).
    if ! grep -q '^host replication all 127.0.0.1/32 trust' "$hba"; then
      echo 'host replication all 127.0.0.1/32 trust' >> "$hba"
      psql "${primary[@]}" -qAtc 'SELECT pg_reload_conf()' >/dev/null
    fi
    rm -rf "$dir"
    install -d -m 0700 -o postgres -g postgres "$dir"
    psql "${primary[@]}" -qAtc "SELECT pg_drop_replication_slot('$slot') FROM pg_replication_slots WHERE slot_name = '$slot'" >/dev/null
    su postgres -c "pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D '$dir' -R -X stream -c fast -C -S '$slot'"
    # Settings a standby must have at least as high as its primary.
    settings="$(psql "${primary[@]}" -qAtc "SELECT string_agg(name || ' = ' || setting, E'\n') FROM pg_settings
      WHERE name IN ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')")"
    cat > "$dir/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '/var/run/postgresql'
hba_file = '$dir/pg_hba.conf'
hot_standby = on
hot_standby_feedback = on
$settings
CONF
    cp "$hba" "$dir/pg_hba.conf"
    chown -R postgres:postgres "$dir"
    su postgres -c "'$bin/pg_ctl' -D '$dir' -l '$dir/server.log' -w -t 120 start" >/dev/null
    ;;
  stop)
    if [ -d "$dir" ]; then su postgres -c "'$bin/pg_ctl' -D '$dir' -m fast -w stop" >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    psql "${primary[@]}" -qAtc "SELECT pg_drop_replication_slot('$slot') FROM pg_replication_slots WHERE slot_name = '$slot'" >/dev/null 2>&1 || true
    ;;
esac
