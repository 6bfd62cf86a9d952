#!/usr/bin/env bash
# Organisation roll-up on 10,000 people × 150 skills × 5 rounds, end to end from the database
# file, against the same aggregation run by the sqlite3 shell on the same file, in one run.
#
#   scripts/bench/rollup.sh                  # 10,000 people, 1,250 teams, 5 rounds, 150 skills
#   PEOPLE=2000 TEAMS=250 scripts/bench/rollup.sh   # a quick run
#   RUNS=9 FRESH=1 scripts/bench/rollup.sh   # more runs, regenerate the database
#
# Rust: `benches/rollup_db.rs` opens the file, loads the organisation (`store::org::load`) and
# computes the roll-up (`analysis::rollup::rollup`: team, role-family and organisation figures,
# stale evidence and risks). SQL: `rollup.sql` computes the team × skill grid only (latest
# assessment per person and skill by window function, joined to the requirements, counted per
# team and skill). Both are timed warm (one untimed run first); the figures are medians. Every
# team × skill cell of the two is compared, and must agree. Goal: Rust at most 1.5 × SQL.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PEOPLE="${PEOPLE:-10000}" TEAMS="${TEAMS:-1250}" ROUNDS="${ROUNDS:-5}" SKILLS="${SKILLS:-150}"
SEED="${SEED:-1}" RUNS="${RUNS:-5}"
command -v sqlite3 >/dev/null || { say "sqlite3 is needed: apt-get install -y sqlite3"; exit 1; }

need_release
db=$(generated_db "$PEOPLE" "$TEAMS" "$ROUNDS" "$SKILLS" "$SEED")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rows=$(sqlite3 "$db" 'SELECT COUNT(*) FROM assessments')
size=$(du -m "$db" | cut -f1)

say "Rust roll-up ($RUNS runs)"
(cd "$ROOT" && cargo bench -q -p skillmix --features db --bench rollup_db -- "$db" "$RUNS" "$work/rust.csv") >"$work/rust.txt"
value() { grep "^$1=" "$work/rust.txt" | cut -d= -f2; }

say "SQL roll-up with sqlite3 ($RUNS runs)"
# sqlite3's CSV mode ends lines with CRLF.
sqlite3 -bail "$db" <"$(dirname "${BASH_SOURCE[0]}")/rollup.sql" | tr -d '\r' >"$work/sql.csv"
for _ in $(seq 1 "$RUNS"); do
  start=$(now_ms)
  sqlite3 -bail "$db" <"$(dirname "${BASH_SOURCE[0]}")/rollup.sql" >/dev/null
  echo $(($(now_ms) - start))
done >"$work/sql-times"
sql_ms=$(median <"$work/sql-times")

sort "$work/rust.csv" >"$work/rust.sorted"
sort "$work/sql.csv" >"$work/sql.sorted"
cells=$(wc -l <"$work/sql.sorted")
if cmp -s "$work/rust.sorted" "$work/sql.sorted"; then
  agree="all $cells team × skill cells agree"
else
  differ=$(diff "$work/rust.sorted" "$work/sql.sorted" | grep -c '^<' || true)
  agree="CELLS DIFFER: $differ of $cells (first: $(diff "$work/rust.sorted" "$work/sql.sorted" | grep '^[<>]' | head -2 | tr '\n' ' ' || true))"
fi

total=$(value total_ms)
ratio=$(awk -v r="$total" -v s="$sql_ms" 'BEGIN {printf "%.2f", r / s}')
cat <<REPORT
Organisation roll-up, $(value people) people in $(value teams) teams, $(value skills) skills, $rows assessments ($size MB database)
  Rust, load from the file       $(value load_ms) ms
  Rust, aggregate                $(value aggregate_ms) ms
  Rust, end to end               $total ms
  sqlite3, same grid             $sql_ms ms
  ratio Rust / sqlite3           $ratio   (goal: at most 1.5)
  check                          $agree
  (medians of $RUNS warm runs; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))
REPORT
if grep -q '^diagnose' "$work/rust.txt"; then
  echo "  where the load goes (ROLLUP_DIAGNOSE=1, one run each):"
  echo "    assessment rows through sqlx, text columns as store::org reads them: $(value diagnose_text_rows_ms | cut -d' ' -f1) ms"
  echo "    the same rows, integer columns only:                               $(value diagnose_integer_rows_ms | cut -d' ' -f1) ms"
fi
[[ "$agree" == all* ]]
