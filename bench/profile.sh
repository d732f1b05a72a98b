#!/usr/bin/env bash
# Profiles one scenario of the benchmark: starts the server as bench/run.sh does (Release build, a
# throw-away PostgreSQL with default durability, the bench's buyers, stock and 100,000 products),
# drives the scenario with wrk and prints
#   1. the server's CPU time per request: user+sys CPU seconds of the server process (from /proc)
#      before and after a measured wrk run, divided by the requests it served, and PostgreSQL's CPU
#      per request the same way (all processes of the throw-away cluster). Unlike req/s, these stay
#      meaningful on a busy machine;
#   2. pg_stat_statements' top statements of the measured run by total time, with calls per request;
#   3. a top-frames table (inclusive and exclusive %) from a second, traced run with
#      `dotnet-trace collect --profile dotnet-sampled-thread-time`, summarised by bench/profile-top.py
#      (samples of threads that wait, i.e. idle pool threads and sockets, are left out).
# The figures are the measured run's, without the tracer's overhead.
# `memory` instead runs the memory check's pass (/me, the complete order, the search) --passes times and
# after each takes a heap dump with dotnet-gcdump, which forces a full blocking collection first: the live
# heap, the resident set and the committed GC memory per pass, and the types that grew between the last two.
# Usage: bench/profile.sh live|me|order|search|tracking|webhook|memory [--seconds 20] [--clients 8] [--port 55600] [--keep DIR] [--passes 4]
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-}
case "$scenario" in live|me|order|search|tracking|webhook|memory) shift ;; *) echo "Usage: bench/profile.sh live|me|order|search|tracking|webhook|memory [--seconds 20] [--clients 8] [--port 55600] [--keep DIR] [--passes 4]" >&2; exit 2 ;; esac
seconds=20 clients=8 pg_port=55600 keep="" passes=4
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2 ;; --clients) clients=$2 ;; --port) pg_port=$2 ;; --keep) keep=$2 ;; --passes) passes=$2 ;;
    *) echo "Unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done

work=$(mktemp -d /tmp/uhrwerk-profile.XXXXXX)
pg_data="$work/pg"
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
log() { printf '\n== %s\n' "$*"; }

bench_pid=""
cleanup() {
  exec 3>&- 2>/dev/null || true
  [ -n "$bench_pid" ] && { wait "$bench_pid" 2>/dev/null || true; }
  if [ -f "$pg_data/data/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data/data" -m fast stop >/dev/null 2>&1 || true
  fi
  if [ -n "$keep" ]; then mkdir -p "$keep" && cp "$work"/*.nettrace "$work"/*.speedscope.json "$work"/*.gcdump "$keep"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

log "Building Release"
dotnet tool restore >/dev/null
dotnet build -c Release bench/Uhrwerk.Bench -v quiet -nologo >"$work/build.log" 2>&1 || { grep -E "error" "$work/build.log" | sort -u | head -n 40; exit 1; }

log "Starting a throw-away PostgreSQL with pg_stat_statements on 127.0.0.1:$pg_port"
mkdir -p "$pg_data" && chmod 755 "$work"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_data"
as_postgres "$pg_bin/initdb" -D "$pg_data/data" -A trust -U uhrwerk >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$pg_data/data" -l "$pg_data/log" -w \
  -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top" start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U uhrwerk uhrwerk_bench
psql_bench() { "$pg_bin/psql" -X -q -h 127.0.0.1 -p "$pg_port" -U uhrwerk -d uhrwerk_bench "$@"; }
psql_bench -c "CREATE EXTENSION pg_stat_statements" >/dev/null
postmaster=$(head -n 1 "$pg_data/data/postmaster.pid")

log "Starting and preparing the server (buyers, stock, 100,000 products)"
mkfifo "$work/stdin"
dotnet run -c Release --no-build --project bench/Uhrwerk.Bench -- serve --env "$work/env" --clients "$clients" \
  --postgres "Host=127.0.0.1;Port=$pg_port;Username=uhrwerk;Database=uhrwerk_bench;Maximum Pool Size=50" <"$work/stdin" &
bench_pid=$!
exec 3>"$work/stdin"
for _ in $(seq 1 1200); do
  [ -f "$work/env" ] && break
  kill -0 "$bench_pid" 2>/dev/null || { echo "The server did not start." >&2; exit 1; }
  sleep 0.5
done
[ -f "$work/env" ] || { echo "The server was not ready within 10 minutes." >&2; exit 1; }
# shellcheck disable=SC1091
source "$work/env"

scripts=bench/wrk
case "$scenario" in
  live) target=("$UHRWERK_URL/health/live") ;;
  me) target=(-s "$scripts/bearer.lua" "$UHRWERK_URL/api/v1/me") ;;
  order) target=(-s "$scripts/order.lua" "$UHRWERK_URL") ;;
  search) target=(-s "$scripts/search.lua" "$UHRWERK_URL") ;;
  tracking) target=(-s "$scripts/tracking.lua" "$UHRWERK_URL") ;;
  # Signed calls of the carrier webhook; once through the file the calls repeat and take the deduplicating path.
  webhook) target=(-s "$scripts/webhook.lua" "$UHRWERK_URL") ;;
esac
run_wrk() { wrk -t "$(( clients < 2 ? clients : 2 ))" -c "$clients" -d "${1}s" --latency "${target[@]}"; }

if [ "$scenario" = memory ]; then
  threads=$(( clients < 2 ? clients : 2 ))
  memory_pass() {
    wrk -t "$threads" -c "$clients" -d "${seconds}s" -s "$scripts/bearer.lua" "$UHRWERK_URL/api/v1/me" | awk '/requests in/ { print "  /me: " $1 " requests" }'
    wrk -t "$threads" -c "$clients" -d "${seconds}s" -s "$scripts/order.lua" "$UHRWERK_URL" | awk '/requests in/ { print "  order: " $1 " requests" }'
    wrk -t "$threads" -c "$clients" -d "${seconds}s" -s "$scripts/search.lua" "$UHRWERK_URL" | awk '/requests in/ { print "  search: " $1 " requests" }'
  }
  kb_of() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$UHRWERK_PID/status"; }
  printf '| pass | live heap after a full GC, MB | resident MB | resident high-water MB |\n|---|---|---|---|\n' >"$work/memory.txt"
  for pass in $(seq 1 "$passes"); do
    log "Memory pass $pass of $passes (/me, order, search, ${seconds} s each)"
    memory_pass
    # Collecting the dump forces a full blocking collection, so the heap it reports is what the server still holds.
    dotnet tool run dotnet-gcdump collect -p "$UHRWERK_PID" -o "$work/pass$pass.gcdump" >"$work/gcdump.log" 2>&1 || { cat "$work/gcdump.log" >&2; exit 1; }
    dotnet tool run dotnet-gcdump report "$work/pass$pass.gcdump" >"$work/pass$pass.txt"
    heap=$(python3 bench/gcdump-diff.py --total "$work/pass$pass.txt")
    awk -v p="$pass" -v h="$heap" -v r="$(kb_of VmRSS)" -v w="$(kb_of VmHWM)" 'BEGIN { printf "| %d | %.1f | %.0f | %.0f |\n", p, h, r / 1024, w / 1024 }' >>"$work/memory.txt"
  done
  log "Memory per pass ($clients clients; pass 1 includes the warm-up of pools and caches)"
  cat "$work/memory.txt"
  if [ "$passes" -ge 2 ]; then
    log "Types whose live size changed most from pass $(( passes - 1 )) to pass $passes"
    python3 bench/gcdump-diff.py "$work/pass$(( passes - 1 )).txt" "$work/pass$passes.txt" 20
  fi
  exit 0
fi

ticks=$(getconf CLK_TCK)
# utime + stime (fields 14 and 15 of /proc/PID/stat; the name in field 2 has no spaces here).
cpu_of() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_cpu() { local sum=0 pid; for pid in $postmaster $(pgrep -P "$postmaster"); do sum=$(( sum + $(cpu_of "$pid") )); done; echo "$sum"; }

log "Warming up ($scenario, 5 s)"
run_wrk 5 >/dev/null

log "Measured run: $scenario, $clients clients, $seconds s"
psql_bench -c "SELECT pg_stat_statements_reset()" >/dev/null
server_before=$(cpu_of "$UHRWERK_PID"); pg_before=$(pg_cpu)
run_wrk "$seconds" | tee "$work/wrk.txt"
server_after=$(cpu_of "$UHRWERK_PID"); pg_after=$(pg_cpu)
requests=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
failed=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$work/wrk.txt"); failed=${failed:-0}
psql_bench -A -F ' | ' -c "
  SELECT calls, round((calls::numeric / $requests), 2) AS per_request, round(total_exec_time::numeric, 0) AS total_ms,
         round((100 * total_exec_time / sum(total_exec_time) OVER ())::numeric, 1) AS pct,
         round(mean_exec_time::numeric, 3) AS mean_ms, rows,
         left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS statement
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  ORDER BY total_exec_time DESC LIMIT 12" >"$work/statements.txt"
statement_time=$(psql_bench -A -t -c "SELECT round(sum(total_exec_time)::numeric * 1000 / $requests, 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")

log "Traced run: $scenario, $seconds s under dotnet-trace (figures of this run are not the measured ones)"
dotnet tool run dotnet-trace collect -p "$UHRWERK_PID" --profile dotnet-sampled-thread-time --format Speedscope \
  -o "$work/$scenario.nettrace" --duration "00:00:00:$(printf '%02d' "$(( seconds + 2 ))")" >"$work/trace.log" 2>&1 &
trace_pid=$!
sleep 1
run_wrk "$seconds" >/dev/null
wait "$trace_pid" || { cat "$work/trace.log" >&2; echo "dotnet-trace failed." >&2; exit 1; }
[ -s "$work/$scenario.speedscope.json" ] || { cat "$work/trace.log" >&2; echo "dotnet-trace wrote no trace." >&2; exit 1; }

log "Top frames of the server ($scenario), samples of waiting threads left out"
python3 bench/profile-top.py "$work/$scenario.speedscope.json" 25

log "PostgreSQL: top statements of the measured run by total time ($requests requests)"
cat "$work/statements.txt"

if [ "$scenario" = search ]; then
  # The search's statement as EF Core sends it for a buyer (active products, first page, SKU order, the count up to
  # 1,001 in the same statement), for a word that hits thousands of products and for a SKU prefix.
  for term in '%schraube%' '%1004%'; do
    log "EXPLAIN ANALYZE of the search for '$term'"
    psql_bench -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
      SELECT c.\"Sku\", c.\"NameDe\", c.\"NameEn\", c.\"Unit\", c.\"PackSize\", c.\"ListPrice\", c.\"IsActive\",
        (SELECT count(*)::int FROM (SELECT 1 FROM catalog_products AS h WHERE h.\"SearchText\" LIKE '$term' ESCAPE '!' AND h.\"IsActive\" LIMIT 1001) AS n)
      FROM (SELECT * FROM catalog_products AS p WHERE p.\"SearchText\" LIKE '$term' ESCAPE '!' AND p.\"IsActive\" OFFSET 0) AS c
      ORDER BY c.\"Sku\" LIMIT 20"
  done
fi

log "CPU per request ($scenario, measured run, $clients clients, $seconds s; $(cut -d' ' -f1-3 /proc/loadavg) load average)"
awk -v s=$(( server_after - server_before )) -v p=$(( pg_after - pg_before )) -v t="$ticks" -v n="$requests" -v f="$failed" -v sec="$seconds" -v st="$statement_time" 'BEGIN {
  printf "| requests | failed | req/s | server CPU us/request | PostgreSQL CPU us/request | statement time us/request |\n"
  printf "|---|---|---|---|---|---|\n"
  printf "| %d | %d | %.0f | %.0f | %.0f | %s |\n", n, f, n / sec, s / t / n * 1e6, p / t / n * 1e6, st
}'
