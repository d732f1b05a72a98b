#!/usr/bin/env bash
# The one test command: installs what the tests need (as root, from Debian packages), starts a
# throw-away PostgreSQL, runs every test on SQLite and PostgreSQL plus the browser tests, and
# smoke-tests the README's run command. Exits non-zero on any failure; under CI=true a skipped
# test is a failure too.
set -euo pipefail
cd "$(dirname "$0")"
root_dir=$(pwd)
work=$(mktemp -d /tmp/uhrwerk-test.XXXXXX)
pg_data="$work/pg"
server_pid=""

log() { printf '\n== %s\n' "$*"; }

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  if [ -f "$pg_data/data/postmaster.pid" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data/data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# --- what the tests need ------------------------------------------------------------------
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    log "Installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) or run as root." >&2
    [ "${CI:-}" = true ] && exit 1
  fi
fi

# --- a disposable PostgreSQL ---------------------------------------------------------------
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)" 2>/dev/null || true)
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  log "Starting a throw-away PostgreSQL"
  mkdir -p "$pg_data" && chmod 755 "$work" && chown postgres:postgres "$pg_data"
  pg_port=$(free_port)
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data/data" -A trust -U uhrwerk >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data/data" -l "$pg_data/log" -w \
    -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  export UHRWERK_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=uhrwerk;Database=postgres;Maximum Pool Size=50"
  echo "PostgreSQL on 127.0.0.1:$pg_port"
fi

# --- build and test ----------------------------------------------------------------------
log "Building"
dotnet tool restore >/dev/null
if ! dotnet build Uhrwerk.slnx -c Debug -v quiet -nologo >"$work/build.log" 2>&1; then grep -E "error|Error" "$work/build.log" | sort -u | head -n 40; echo "Tests: 0 passed, 1 failed, 0 skipped"; exit 1; fi
results="$work/results"
status=0
log "Running the tests (SQLite, PostgreSQL, browser)"
dotnet test Uhrwerk.slnx -c Debug --no-build --logger "trx" --results-directory "$results" || status=$?

log "Smoke test: dotnet run --project src/Uhrwerk.Server on a fresh SQLite database"
port=$(free_port)
Database__ConnectionString="Data Source=$work/smoke.db" ASPNETCORE_URLS="http://127.0.0.1:$port" \
  dotnet run --project src/Uhrwerk.Server --no-build >"$work/smoke.log" 2>&1 &
server_pid=$!
smoke=failed
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$port/" | grep -q Uhrwerk \
    && curl -fs -o /dev/null "http://127.0.0.1:$port/_framework/blazor.web.js" && curl -fs -o /dev/null "http://127.0.0.1:$port/openapi/v1.json"; then smoke=passed; break; fi
  sleep 1
done
kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""
echo "smoke test $smoke"
[ "$smoke" = passed ] || { tail -n 40 "$work/smoke.log"; status=1; }

# --- one summary line over all test projects -----------------------------------------------
read -r passed failed skipped < <(/usr/bin/python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
p = f = s = 0
for trx in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(trx).getroot().find(".//{*}Counters")
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)
[ "$smoke" = passed ] && passed=$((passed + 1)) || failed=$((failed + 1))
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "${CI:-}" = true ] && [ "$skipped" -gt 0 ]; then
  echo "Under CI=true a skipped test is a failure (PostgreSQL or Chromium missing?)." >&2
  status=1
fi
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || { echo "No test ran." >&2; status=1; }
exit $status
