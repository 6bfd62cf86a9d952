#!/usr/bin/env bash
# A working day's traffic against a trivial route of the same server, in one run: the release
# server on 127.0.0.1 with the synthetic organisation of rollup.sh (10,000 people in 1,250
# teams, 150 skills, 5 rounds), wrk with 100 connections for 60 s of mixed load (mixed.lua):
# 90 % page views spread over every team's heatmap and team page and every person's page, 10 %
# assessments recorded through the JSON API; once as served (page cache on: assessments drop
# their own team's pages only) and once with the page cache off (SKILLMIX_PAGE_CACHE_MB=0); then
# `/healthz` alone. Prints throughput, p50/p99 latency, errors and the ratio to `/healthz`.
# Every answer is checked (status, and a page's heading or the new assessment's id) and every
# acknowledged assessment is looked for in the database afterwards.
# Goals: 0 errors, p99 under 100 ms, req/s at least 0.04 x /healthz.
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
trap 'stop_server; rm -rf "$work"' EXIT

# What the load picks from: every team, every person, and people with a skill of their team's
# framework on the 1 to 4 scale to record levels for.
sqlite3 "$db" "SELECT id FROM teams" >"$work/teams.txt"
sqlite3 "$db" "SELECT id FROM people" >"$work/people.txt"
sqlite3 "$db" "SELECT m.person_id || ' ' || s.id FROM team_memberships m JOIN teams t ON t.id = m.team_id
  JOIN skills s ON s.version_id = t.framework_version_id AND s.scale IN ('ddat', 'depth')
  WHERE s.id % 7 = m.person_id % 7" >"$work/pairs.txt"
say "mixed load over $(wc -l <"$work/teams.txt") teams, $(wc -l <"$work/people.txt") people, $(wc -l <"$work/pairs.txt") person-skill pairs"

assessments() { sqlite3 "$db" "SELECT COUNT(*) FROM assessments"; }

run() { # name url [script [script args...]]
  local name=$1 url=$2 script=()
  shift 2
  if [[ $# -gt 0 ]]; then script=(-s "$1"); shift; fi
  say "wrk: $CONNECTIONS connections, $THREADS threads, ${DURATION} s: $name"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency "${script[@]}" "$url" "$@" >"$work/$name.txt"
}

mixed() { # name: the mixed load, then every acknowledged write looked for
  local name=$1 before after acknowledged
  before=$(assessments)
  run "$name" "$BASE_URL/" "$ROOT/scripts/bench/mixed.lua" "$work" "$token"
  after=$(assessments)
  acknowledged=$(awk '/^mixed: views/ {print $5}' "$work/$name.txt")
  grep '^mixed:' "$work/$name.txt" >&2
  # Every acknowledged write is stored; a few more may be stored whose answers were still on
  # their way when wrk stopped (at most one a connection).
  if (( after - before < acknowledged || after - before > acknowledged + CONNECTIONS )); then
    say "LOST WRITES ($name): $acknowledged assessments acknowledged, $(( after - before )) stored"; exit 1
  fi
  echo "$(( after - before ))" >"$work/$name.stored"
  if ! grep -q '^mixed: views [0-9]* writes [0-9]* wrong 0$' "$work/$name.txt"; then
    say "WRONG ANSWERS ($name): see above"; exit 1
  fi
}

serve() { start_server "$db"; trap 'stop_server; rm -rf "$work"' EXIT; }
serve
mixed cached
run healthz "$BASE_URL/healthz"
stop_server
export SKILLMIX_PAGE_CACHE_MB=0
serve
unset SKILLMIX_PAGE_CACHE_MB
mixed uncached

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
ratio() { awk -v m="$(field "$1" rps)" -v z="$(field healthz rps)" 'BEGIN {printf "%.3f", m / z}'; }
row() { # label name
  printf '  %-32s %9s %7s %9s %8s %8s %7s\n' "$1" "$(field "$2" requests)" "$(field "$2" rps)" "$(field "$2" p50)" \
    "$(field "$2" p99)" "$(field "$2" errors)" "$(ratio "$2")"
}
cat <<REPORT
Load: $CONNECTIONS connections, $THREADS wrk threads, ${DURATION} s per run, same server, $(nproc) cores (load average before: $(cut -d' ' -f1-3 /proc/loadavg))
  organisation: $PEOPLE people in $TEAMS teams, $SKILLS skills, $ROUNDS rounds; mixed: 90 % views (heatmaps, team pages, person pages), 10 % assessments through the API
  run                                requests   req/s    p50 ms   p99 ms   errors  x healthz
$(row "mixed, page cache on" cached)
$(row "mixed, page cache off" uncached)
$(row "/healthz alone" healthz)
  assessments acknowledged and found stored: cached $(awk '/^mixed: views/ {print $5}' "$work/cached.txt") (stored $(cat "$work/cached.stored")), uncached $(awk '/^mixed: views/ {print $5}' "$work/uncached.txt") (stored $(cat "$work/uncached.stored"), the rest answered after wrk stopped)
  goals: 0 errors, p99 under 100 ms, req/s at least 0.04 x /healthz
REPORT
