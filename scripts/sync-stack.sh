#!/usr/bin/env bash
# A local sync stack for trying sync by hand: a throwaway PostgreSQL, the test OpenID
# provider (npm oidc-provider; signs a test user in without a form) and N sync server
# instances, all on loopback. Prints on stdout
#   JCC_SYNC_SERVER=URL          the first instance
#   JCC_SYNC_SERVERS=URL,URL...  all of them
#   JCC_SYNC_ISSUER=URL          the provider
# then keeps running; Ctrl-C (or SIGTERM) stops everything and deletes the database.
# Usage: scripts/sync-stack.sh [--servers N] [--user NAME] [--release]
#   --user NAME   who the provider signs in (default writer; a sign-in's login_hint wins)
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

servers=1 user=writer profile=debug
while (($#)); do
  case "$1" in
    --servers) servers="${2:?--servers needs a number}"; shift 2 ;;
    --user) user="${2:?--user needs a name}"; shift 2 ;;
    --release) profile=release; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$servers" =~ ^[1-9][0-9]*$ ]] || { echo "--servers must be a whole number of at least 1" >&2; exit 2; }

# Set-up talks on stderr: stdout carries only the three lines above.
{
  need_rust
  apt_install postgresql
  oidc_install
  say "building jcc-sync-server ($profile)"
  if [ "$profile" = release ]; then
    cargo build -q --release -p jcc-sync-server --bin jcc-sync-server
  else
    cargo build -q -p jcc-sync-server --bin jcc-sync-server
  fi
} >&2
bin="$ROOT/target/$profile/jcc-sync-server"

dir="$(mktemp -d /tmp/jcc-sync-stack.XXXXXX)"
pids=()
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -f "$dir/data/postmaster.pid" ] && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1
  rm -rf "$dir"
  say "sync stack stopped"
}
trap stop EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits for a "NAME=value" line in a process's stdout file and prints the value.
ready_line() {
  local file="$1" name="$2" pid="$3" log="$4"
  for _ in $(seq 600); do
    if grep -q "^$name=" "$file" 2>/dev/null; then grep -m1 "^$name=" "$file" | cut -d= -f2-; return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "it exited:" >&2; cat "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "no $name line after 60 s:" >&2; cat "$log" >&2; return 1
}

say "starting PostgreSQL in $dir"
"${as_pg[@]}" "$pg_bin/initdb" -D "$dir/data" -U jcc --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
pg_port="$(free_port)"
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir -c fsync=off -c max_connections=300" start >/dev/null
db_url="host=127.0.0.1 port=$pg_port user=jcc dbname=postgres"

say "starting the OpenID provider (test user: $user)"
JCC_OIDC_DEFAULT_USER="$user" node scripts/oidc/provider.mjs 0 >"$dir/oidc.out" 2>"$dir/oidc.log" &
pids+=($!)
issuer="$(ready_line "$dir/oidc.out" JCC_OIDC_ISSUER "$!" "$dir/oidc.log")"

say "starting $servers sync server instance(s)"
urls=()
for i in $(seq "$servers"); do
  JCC_SYNC_DATABASE_URL="$db_url" JCC_SYNC_ISSUER="$issuer" JCC_SYNC_CLIENT_ID="${JCC_OIDC_CLIENT_ID:-jcc-desktop}" \
    JCC_SYNC_LISTEN=127.0.0.1:0 "$bin" >"$dir/server$i.out" 2>"$dir/server$i.log" &
  pids+=($!)
done
for i in $(seq "$servers"); do
  urls+=("$(ready_line "$dir/server$i.out" JCC_SYNC_SERVER "${pids[$i]}" "$dir/server$i.log")")
done

echo "JCC_SYNC_SERVER=${urls[0]}"
echo "JCC_SYNC_SERVERS=$(IFS=,; echo "${urls[*]}")"
echo "JCC_SYNC_ISSUER=$issuer"
say "ready; logs in $dir; Ctrl-C stops everything"
# Runs until interrupted, or until one of the processes dies (then says which, and stops).
wait -n "${pids[@]}" || true
say "a process of the stack exited; stopping"
for f in "$dir"/*.log; do echo "--- $f" >&2; tail -n 5 "$f" >&2; done
exit 1
