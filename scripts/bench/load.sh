#!/usr/bin/env bash
# The team heatmap page under load against a trivial route of the same server, in one run:
# the release server on 127.0.0.1 with the synthetic organisation of rollup.sh (10,000 people),
# wrk with 100 connections for 60 s on `/teams/{id}/heatmap` (signed in with a bearer token),
# then the same on `/healthz`, then the heatmap again with the page cache off
# (SKILLMIX_PAGE_CACHE_MB=0). Prints throughput, the ratio, p50/p99 latency and errors.
# Goal: 0 errors and p99 under 50 ms on the heatmap.
#
#   scripts/bench/load.sh                       # 100 connections, 60 s each
#   DURATION=10 scripts/bench/load.sh           # a quick run
#   CONNECTIONS=50 THREADS=2 scripts/bench/load.sh
#
# Installs wrk with apt when it is missing. Traffic goes to 127.0.0.1 only; wrk stops after
# DURATION seconds and the server is stopped when the script ends.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PEOPLE="${PEOPLE:-10000}" TEAMS="${TEAMS:-1250}" ROUNDS="${ROUNDS:-5}" SKILLS="${SKILLS:-150}" SEED="${SEED:-1}"
DURATION="${DURATION:-60}" CONNECTIONS="${CONNECTIONS:-100}" THREADS="${THREADS:-2}"

if ! command -v wrk >/dev/null; then
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >&2
fi
need_release
source_db=$(generated_db "$PEOPLE" "$TEAMS" "$ROUNDS" "$SKILLS" "$SEED")
work=$(mktemp -d)
db="$work/load.db"
cp "$source_db" "$db"
token=$(admin_token "$db")
team=$(largest_team "$db")
members=$(sqlite3 "$db" "SELECT COUNT(*) FROM team_memberships WHERE team_id = $team")
start_server "$db"
trap 'stop_server; rm -rf "$work"' EXIT

heatmap="$BASE_URL/teams/$team/heatmap"
status=$(curl -s -o "$work/page.html" -w '%{http_code}' -H "Authorization: Bearer $token" "$heatmap")
if [[ "$status" != 200 ]] || ! grep -q '<table' "$work/page.html"; then
  say "the heatmap page answered $status without a table: is the token accepted?"; exit 1
fi
page_kb=$(( $(wc -c <"$work/page.html") / 1024 ))

run() { # name url
  say "wrk: $CONNECTIONS connections, $THREADS threads, ${DURATION} s on $2"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency \
    -H "Authorization: Bearer $token" "$2" >"$work/$1.txt"
}
run heatmap "$heatmap"
run healthz "$BASE_URL/healthz"
# The same page with the page cache off: what every request would cost if the data changed
# between any two of them (each render loads, analyses and renders the team afresh).
stop_server
export SKILLMIX_PAGE_CACHE_MB=0
start_server "$db"
trap 'stop_server; rm -rf "$work"' EXIT
unset SKILLMIX_PAGE_CACHE_MB
heatmap="$BASE_URL/teams/$team/heatmap"
run uncached "$heatmap"

ms() { # a wrk duration (us, ms, s) in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'
}
field() { # name what
  local f="$work/$1.txt"
  case $2 in
    rps) awk '/^Requests\/sec/ {printf "%.0f", $2}' "$f" ;;
    p50) ms "$(awk '$1 == "50%" {print $2}' "$f")" ;;
    p99) ms "$(awk '$1 == "99%" {print $2}' "$f")" ;;
    requests) awk '/requests in/ {print $1}' "$f" ;;
    errors) awk '/Socket errors/ {gsub(",", ""); s = $4 + $6 + $8 + $10} /Non-2xx/ {n = $5} END {print s + n + 0}' "$f" ;;
  esac
}
ratio=$(awk -v h="$(field heatmap rps)" -v z="$(field healthz rps)" 'BEGIN {printf "%.3f", h / z}')
cat <<REPORT
Load: $CONNECTIONS connections, $THREADS wrk threads, ${DURATION} s per route, same server, $(nproc) cores (load average before: $(cut -d' ' -f1-3 /proc/loadavg))
  organisation: $PEOPLE people, $SKILLS skills, $ROUNDS rounds; heatmap of team $team ($members members, ${page_kb} KiB page)
  route                     requests   req/s     p50 ms   p99 ms   errors
  /teams/$team/heatmap $(printf '%10s %7s %9s %8s %8s' "$(field heatmap requests)" "$(field heatmap rps)" "$(field heatmap p50)" "$(field heatmap p99)" "$(field heatmap errors)")
  heatmap, no page cache $(printf '%8s %7s %9s %8s %8s' "$(field uncached requests)" "$(field uncached rps)" "$(field uncached p50)" "$(field uncached p99)" "$(field uncached errors)")
  /healthz             $(printf '%10s %7s %9s %8s %8s' "$(field healthz requests)" "$(field healthz rps)" "$(field healthz p50)" "$(field healthz p99)" "$(field healthz errors)")
  heatmap / healthz throughput: $ratio   (goals: 0 errors, heatmap p99 under 50 ms)
REPORT
