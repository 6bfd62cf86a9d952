#!/usr/bin/env bash
# Import times for the official DDaT Capability Framework CSVs (tests/fixtures/ddat, or
# DDAT_DIR), with the release binary, timed by hyperfine:
# - a dry run (`skillmix import ddat --dry-run`: decode, parse, validate, diff against the
#   newest version; nothing saved);
# - a full import into a fresh database (the same, plus storing the version in one transaction);
# - a role profile from tests/fixtures/role-profiles (dry run), for comparison.
#
#   scripts/bench/import.sh
#   RUNS=20 DDAT_DIR=/path/to/ddat scripts/bench/import.sh
#
# Each figure is the median of RUNS runs (after one warm-up) of the whole command, process start
# and database open included. Installs hyperfine with apt when it is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RUNS="${RUNS:-10}"
DDAT_DIR="${DDAT_DIR:-$ROOT/tests/fixtures/ddat}"
SEEDS_DIR="${SEEDS_DIR:-$ROOT/tests/fixtures/role-profiles}"
ROLES="$DDAT_DIR/ddat-roles.csv" SKILLS="$DDAT_DIR/ddat-skills.csv"
[[ -f "$ROLES" && -f "$SKILLS" ]] || { say "the DDaT exports are not in $DDAT_DIR (set DDAT_DIR)"; exit 1; }
if ! command -v hyperfine >/dev/null; then
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq hyperfine >&2
fi
need_release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A database with the starter catalogue, the state a new install is in.
"$BIN" --database "sqlite://$work/template.db" demo >/dev/null
sqlite3 "$work/template.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
cp "$work/template.db" "$work/dry.db"

"$BIN" --database "sqlite://$work/dry.db" import ddat --roles "$ROLES" --skills "$SKILLS" --dry-run >"$work/report.txt"
summary=$(grep -m1 '^Read the DDaT exports' "$work/report.txt" || head -1 "$work/report.txt")
profile=$(ls "$SEEDS_DIR"/*management*.txt 2>/dev/null | head -1 || true)

commands=(
  -n "ddat dry run" "$BIN --database sqlite://$work/dry.db import ddat --roles $ROLES --skills $SKILLS --dry-run"
  -n "ddat import" --prepare "rm -f $work/full.db $work/full.db-wal $work/full.db-shm; cp $work/template.db $work/full.db"
  "$BIN --database sqlite://$work/full.db import ddat --roles $ROLES --skills $SKILLS"
)
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-csv "$work/times.csv" "${commands[@]}" >&2
if [[ -n "$profile" ]]; then
  hyperfine --style basic --warmup 1 --runs "$RUNS" --export-csv "$work/profile.csv" \
    -n "role profile dry run" "$BIN --database sqlite://$work/dry.db import role-profile $profile --dry-run" >&2
  tail -n +2 "$work/profile.csv" >>"$work/times.csv"
fi
startup=$(hyperfine --style none --warmup 1 --runs "$RUNS" --export-csv "$work/startup.csv" \
  "$BIN --database sqlite://$work/dry.db --version" >/dev/null 2>&1; awk -F, 'NR == 2 {printf "%.1f", $4 * 1000}' "$work/startup.csv")
echo "DDaT import, release build: $summary"
echo "  ddat-roles.csv $(du -k "$ROLES" | cut -f1) KiB, ddat-skills.csv $(du -k "$SKILLS" | cut -f1) KiB; medians of $RUNS runs, whole command"
awk -F, 'NR > 1 {printf "  %-22s %8.1f ms  (min %.1f, max %.1f)\n", $1, $4 * 1000, $7 * 1000, $8 * 1000}' "$work/times.csv"
echo "  (process start alone: $startup ms; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
