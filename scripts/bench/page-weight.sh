#!/usr/bin/env bash
# The team heatmap page's weight and uncached speed, against floors measured in the same run:
#
# - bytes: the page of the largest team of the synthetic organisation (rollup.sh's: 10,000
#   people, 150 skills) as the server sends it (raw, and gzip as sent to a browser that asks),
#   against the same table as bare HTML (<th scope> headers, one <td> per cell, no framework),
#   written here from the page's own data (the JSON API). Goal: at most 4 x.
# - time: the median of RUNS sequential requests of the page with the page cache off, against
#   /healthz of the same server. Goal: at most 20 x. The team's own page (its members) and the
#   first member's page are timed the same way (the README's "team pages" row).
# - time to interactive in Chromium (scripts/bench/tti.mjs, Playwright): the page against the
#   bare table served as a static file by the same server. Goal: under 300 ms.
#
#   scripts/bench/page-weight.sh            # RUNS=21
#   PEOPLE=2000 TEAMS=250 scripts/bench/page-weight.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PEOPLE="${PEOPLE:-10000}" TEAMS="${TEAMS:-1250}" ROUNDS="${ROUNDS:-5}" SKILLS="${SKILLS:-150}" SEED="${SEED:-1}"
RUNS="${RUNS:-21}"

need_release
source_db=$(generated_db "$PEOPLE" "$TEAMS" "$ROUNDS" "$SKILLS" "$SEED")
work=$(mktemp -d)
db="$work/weight.db"
cp "$source_db" "$db"
token=$(admin_token "$db")
team=$(largest_team "$db")
export SKILLMIX_PAGE_CACHE_MB=0
start_server "$db"
trap 'stop_server; rm -rf "$work"' EXIT

auth=(-H "Authorization: Bearer $token")
page="$BASE_URL/teams/$team/heatmap"
curl -fsS "${auth[@]}" "$page" -o "$work/page.html"
wire=$(curl -fsS "${auth[@]}" -H 'Accept-Encoding: gzip' "$page" -o "$work/page.html.gz" -w '%{size_download}')
gzip -t "$work/page.html.gz" || { say "the page was not sent compressed"; exit 1; }
curl -fsS "${auth[@]}" "$BASE_URL/api/v1/teams/$team/heatmap.json" -o "$work/heatmap.json"

python3 - "$work/heatmap.json" >"$work/bare.html" <<'PY'
import html, json, sys
data = json.load(open(sys.argv[1]))
out = ['<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Heatmap</title></head><body>',
       '<table><caption>Heatmap</caption><thead><tr><td></td>']
out += [f'<th scope="col">{html.escape(c["name"])}</th>' for c in data["columns"]]
out.append('</tr></thead><tbody>')
for row, cells in zip(data["rows"], data["cells"]):
    out.append(f'<tr><th scope="row">{html.escape(row["name"])}</th>')
    out += [f'<td>{html.escape(c["text"])}</td>' for c in cells]
    out.append('</tr>')
out.append('</tbody></table></body></html>')
print(''.join(out))
PY
rows=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d['rows']), 'x', len(d['columns']))" "$work/heatmap.json")

time_ms() { # url -> median milliseconds of RUNS sequential requests
  for _ in $(seq 1 "$RUNS"); do
    curl -fsS "${auth[@]}" -o /dev/null -w '%{time_total}\n' "$1"
  done | awk '{printf "%.3f\n", $1 * 1000}' | median
}
curl -fsS "${auth[@]}" -o /dev/null "$page" # warm the connection pool and the framework
page_ms=$(time_ms "$page")
health_ms=$(time_ms "$BASE_URL/healthz")
member=$(sqlite3 "$db" "SELECT MIN(person_id) FROM team_memberships WHERE team_id = $team")
team_ms=$(time_ms "$BASE_URL/teams/$team")
person_ms=$(time_ms "$BASE_URL/people/$member")

# The bare table as a static file of the same server, for the browser's floor.
bare_name="bench-bare-$$.html"
cp "$work/bare.html" "$LEPTOS_SITE_ROOT/$bare_name"
trap 'stop_server; rm -rf "$work" "${LEPTOS_SITE_ROOT:?}/$bare_name"' EXIT
tti=$(RUNS=15 node "$ROOT/scripts/bench/tti.mjs" "$BASE_URL" "$token" "/$bare_name" "/teams/$team/heatmap")

page_raw=$(wc -c <"$work/page.html")
bare_raw=$(wc -c <"$work/bare.html")
bare_gz=$(gzip -9 -c "$work/bare.html" | wc -c)
kib() { awk -v b="$1" 'BEGIN {printf "%.1f KiB", b / 1024}'; }
x() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f x", a / b}'; }
cat <<REPORT
Heatmap page of team $team ($rows), $PEOPLE people, $SKILLS skills; page cache off
                               page          bare HTML table   ratio (goal: at most 4 x)
  raw                          $(printf '%-13s %-17s %s' "$(kib "$page_raw")" "$(kib "$bare_raw")" "$(x "$page_raw" "$bare_raw")")
  gzip (page as sent)          $(printf '%-13s %-17s %s' "$(kib "$wire")" "$(kib "$bare_gz")" "$(x "$wire" "$bare_gz")")
  uncached, median of $RUNS      $(printf '%-13s %-17s %s' "${page_ms} ms" "/healthz ${health_ms} ms" "$(x "$page_ms" "$health_ms") (goal: at most 20 x)")
  team page /teams/$team       $(printf '%-13s %-17s %s' "${team_ms} ms" "/healthz ${health_ms} ms" "$(x "$team_ms" "$health_ms")")
  person page /people/$member  $(printf '%-13s %-17s %s' "${person_ms} ms" "/healthz ${health_ms} ms" "$(x "$person_ms" "$health_ms")")
REPORT
echo "$tti" | sed "s#/$bare_name#bare HTML table (static file)#"
