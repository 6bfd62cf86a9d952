# Shared by the benchmark scripts: paths, the release binary, cached synthetic databases and a
# server on 127.0.0.1 that is stopped when the script ends. Source it; do not run it.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="$ROOT/target/release/skillmix"
BENCH_DIR="$ROOT/target/bench"
export PATH="$HOME/.cargo/bin:$ROOT/end2end/node_modules/.bin:$PATH"
# The binary reads its Leptos settings from the environment when cargo-leptos is not running it.
export LEPTOS_OUTPUT_NAME=skillmix
export LEPTOS_SITE_PKG_DIR=pkg
export RUST_LOG="${RUST_LOG:-warn}"
mkdir -p "$BENCH_DIR"

say() { printf '%s\n' "$*" >&2; }

# The release build `make build-release` makes, built when missing (BENCH_REBUILD=1: always).
# need_release: the server binary; need_release site: the wasm bundle as well.
need_release() {
  local want_site=${1:-}
  if [[ ! -x "$BIN" || "${BENCH_REBUILD:-0}" == 1 ||
        ( -n "$want_site" && ! -f "$ROOT/target/site/pkg/skillmix.wasm" ) ]]; then
    say "Building the release (cargo leptos build --release)"
    (cd "$ROOT" && cargo leptos build --release >&2) || [[ -z "$want_site" && -x "$BIN" ]] ||
      { say "the release build failed"; exit 1; }
  fi
  if [[ -d "$ROOT/target/site/pkg" ]]; then
    export LEPTOS_SITE_ROOT="$ROOT/target/site"
  else
    export LEPTOS_SITE_ROOT="$BENCH_DIR/site"
    mkdir -p "$LEPTOS_SITE_ROOT/pkg"
  fi
}

# generated_db PEOPLE TEAMS ROUNDS SKILLS SEED: a synthetic organisation, generated once into
# target/bench/ and reused (FRESH=1 generates it again). Prints the path.
generated_db() {
  local people=$1 teams=$2 rounds=$3 skills=$4 seed=$5
  local db="$BENCH_DIR/org-${people}p-${teams}t-${rounds}r-${skills}s-seed${seed}.db"
  if [[ "${FRESH:-0}" == 1 ]]; then rm -f "$db" "$db-wal" "$db-shm"; fi
  if [[ ! -f "$db" ]]; then
    say "Generating $people people in $teams teams, $rounds rounds, $skills skills (seed $seed)"
    "$BIN" --database "sqlite://$db.tmp" generate --people "$people" --teams "$teams" --rounds "$rounds" \
      --skills "$skills" --seed "$seed" >&2
    sqlite3 "$db.tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
    mv "$db.tmp" "$db"
    rm -f "$db.tmp-wal" "$db.tmp-shm"
  fi
  printf '%s\n' "$db"
}

# median of the numbers on standard input.
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else print a[int((NR+1)/2)]}'; }

# now_ms: a monotonic-enough clock in milliseconds.
now_ms() { date +%s%3N; }

# start_server DB_FILE: serves DB_FILE on a free port of 127.0.0.1; sets SERVER_PID, BASE_URL.
# The server is stopped when the script exits.
start_server() {
  local db=$1 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || shuf -i 20000-60000 -n 1)
  BASE_URL="http://127.0.0.1:$port"
  "$BIN" --database "sqlite://$db" serve --addr "127.0.0.1:$port" >"$BENCH_DIR/server-$port.log" 2>&1 &
  SERVER_PID=$!
  trap 'stop_server' EXIT
  for _ in $(seq 1 600); do
    if curl -fsS "$BASE_URL/healthz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$BENCH_DIR/server-$port.log" >&2; return 1; fi
    sleep 0.1
  done
  say "the server did not answer within 60 s"; return 1
}

stop_server() {
  if [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

# admin_token DB_FILE: adds a benchmark administrator (random password) and prints a token.
admin_token() {
  local db=$1 email="bench.admin.$RANDOM@example.gov.uk"
  head -c 32 /dev/urandom | base64 | tr -d '\n' | "$BIN" --database "sqlite://$db" user add --email "$email" --role admin --password-stdin >/dev/null
  "$BIN" --database "sqlite://$db" token create --email "$email" --label benchmark | tail -1
}

# largest_team DB_FILE: the id of the team with the most members (the heatmap benchmarks' page).
largest_team() {
  sqlite3 "$1" "SELECT t.id FROM teams t JOIN team_memberships m ON m.team_id = t.id GROUP BY t.id ORDER BY COUNT(*) DESC, t.id LIMIT 1"
}
