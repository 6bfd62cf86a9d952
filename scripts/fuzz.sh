#!/usr/bin/env bash
# Fuzzes the import parsers with cargo-fuzz (libFuzzer): the DDaT exports, the SFIA skills CSV
# and role-profile pages, each for FUZZ_SECONDS seconds (default 60), then stops by itself.
#
#   make fuzz                      # all three targets, 60 s each
#   FUZZ_SECONDS=10 make fuzz      # a short smoke run
#   FUZZ_TARGETS=sfia make fuzz    # one target
#
# Installs cargo-fuzz when it is missing. cargo-fuzz passes nightly (-Z) flags to rustc;
# RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them, so no nightly is needed. Seeds come
# from the repository's own small fixtures. A crash leaves its input in fuzz/artifacts/TARGET/
# and makes this script fail; reproduce it with
#   (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET artifacts/TARGET/crash-...)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${FUZZ_SECONDS:-60}"
TARGETS="${FUZZ_TARGETS:-ddat sfia role_profile}"
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "Installing cargo-fuzz (once, about 2 minutes)"
  cargo install cargo-fuzz --locked
fi

cd "$ROOT/fuzz"
BAD="$ROOT/tests/fixtures/bad-input"
IMPORT="$ROOT/tests/fixtures/import"
SEP=$'\n--skills--\n'   # between the two DDaT exports in one input (fuzz_targets/ddat.rs)

seed() { # target name file...
  local target=$1 name=$2; shift 2
  mkdir -p "corpus/$target"
  cat "$@" > "corpus/$target/seed-$name" 2>/dev/null || true
}
seed_ddat() { # name roles skills
  mkdir -p corpus/ddat
  { cat "$2"; printf '%s' "$SEP"; cat "$3"; } > "corpus/ddat/seed-$1" 2>/dev/null || true
}
seed_ddat base "$BAD/base/ddat-roles.csv" "$BAD/base/ddat-skills.csv"
[[ -f "$IMPORT/ddat-roles-sample.csv" ]] && seed_ddat sample "$IMPORT/ddat-roles-sample.csv" "$IMPORT/ddat-skills-sample.csv"
seed sfia base "$BAD/base/sfia.csv"
[[ -f "$IMPORT/sfia-sample-windows-1252.csv" ]] && seed sfia sample "$IMPORT/sfia-sample-windows-1252.csv"
seed role_profile base "$BAD/base/role-profile.txt"
[[ -f "$IMPORT/role-profile-sample.txt" ]] && seed role_profile sample "$IMPORT/role-profile-sample.txt"
for f in "$BAD"/ddat-roles--*; do seed_ddat "$(basename "$f")" "$f" "$BAD/base/ddat-skills.csv"; done
for f in "$BAD"/sfia--*; do seed sfia "$(basename "$f")" "$f"; done
for f in "$BAD"/role-profile--*; do seed role_profile "$(basename "$f")" "$f"; done

status=0
for target in $TARGETS; do
  echo "== fuzzing $target for ${SECONDS_EACH} s"
  log="$(mktemp)"
  if cargo fuzz run "$target" -- -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
       -print_final_stats=1 2>"$log"; then
    runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "   $target: ${runs:-?} inputs in ${SECONDS_EACH} s, no crash; corpus $(ls "corpus/$target" | wc -l) files"
  else
    status=1
    tail -40 "$log"
    echo "   $target: FAILED (inputs in fuzz/artifacts/$target/)"
  fi
  rm -f "$log"
done
exit $status
