#!/usr/bin/env bash
# The one benchmark command: installs what it needs (as root, from Debian packages: wrk and
# PostgreSQL), builds Release, starts a throw-away PostgreSQL with default durability on a free
# port, and runs `Uhrwerk.Bench all` against it: wrk and the C# client on /health/live, wrk on
# GET /api/v1/me and on the complete order, the portal's cart path, shipping through the ERP shipment
# API (8 clients) with its invariants, the public tracking page and signed carrier webhooks (accepted at the endpoint, then
# processed to the shipments' state by the worker, with its checks), pgbench tpcb-like on the same cluster, then the stock and budget
# invariants, then the order pages and the OTIF report with 10,000 and 1,000,000 orders (their partial
# deliveries on time, late, short and split) seeded through COPY (one client), and the feedback analytics (NPS, CSAT)
# with 10,000 and 1,000,000 survey answers of 1,000 companies over two years seeded through COPY (one client). Prints one table.
# Usage: bench/run.sh [--seconds 10] [--clients 8] [--orders 1000000] [--orders-per-company 1000] [--responses 1000000];
# --orders 10000 and --responses 10000 skip the million-row seeds (the quick mode). The scale rows name the orders and order
# lines seeded; issue 14's OTIF target (1,000,000 order lines of 1,000 companies) is `--orders 400000 --orders-per-company 400`
# (2.5 lines an order).
# Issue 16's analytics alone on a PostgreSQL of your own:
# dotnet run -c Release --project bench/Uhrwerk.Bench -- feedback --postgres "Host=…;Database=…" [--responses 10000]
# Issue 14's parts alone (shipping, order pages, OTIF) on a PostgreSQL of your own:
# dotnet run -c Release --project bench/Uhrwerk.Bench -- fulfillment --postgres "Host=…;Database=…" [--orders 400000 --orders-per-company 400]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/uhrwerk-bench.XXXXXX)
pg_data="$work/pg"

log() { printf '\n== %s\n' "$*"; }

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  if [ -f "$pg_data/data/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data/data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

missing=()
[ -x /usr/bin/wrk ] || missing+=(wrk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || missing+=(postgresql-contrib)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    log "Installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) or run as root." >&2
    exit 1
  fi
fi
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")

log "Building Release"
dotnet tool restore >/dev/null  # dotnet-counters reads the server's GC heap for the memory check
dotnet build -c Release bench/Uhrwerk.Bench -v quiet -nologo >"$work/build.log" 2>&1 || { grep -E "error" "$work/build.log" | sort -u | head -n 40; exit 1; }

# Default durability (fsync, synchronous commit): the figures compare with pgbench on the same cluster.
log "Starting a throw-away PostgreSQL"
mkdir -p "$pg_data" && chmod 755 "$work"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_data"
pg_port=$(free_port)
as_postgres "$pg_bin/initdb" -D "$pg_data/data" -A trust -U uhrwerk >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$pg_data/data" -l "$pg_data/log" -w \
  -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U uhrwerk uhrwerk_bench
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

log "Running the benchmark"
dotnet run -c Release --no-build --project bench/Uhrwerk.Bench -- all \
  --postgres "Host=127.0.0.1;Port=$pg_port;Username=uhrwerk;Database=uhrwerk_bench;Maximum Pool Size=50" \
  --wrk /usr/bin/wrk --pgbench "$pg_bin/pgbench" "$@"
