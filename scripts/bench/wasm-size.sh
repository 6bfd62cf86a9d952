#!/usr/bin/env bash
# The size of Skillmix's wasm bundle, raw and gzip -9, against a minimal Leptos 0.8 app (islands,
# router, meta and one counter island: scripts/bench/minimal-leptos/) built the same way: cargo-leptos --release, the
# `hydrate` feature, the `wasm-release` profile (opt-level z, LTO, one codegen unit, panic
# abort) and wasm-opt. The minimal app has its own target directory and Cargo.lock (seeded from
# Skillmix's, so the shared crates are the same versions).
#
#   scripts/bench/wasm-size.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

need_release site
MIN="$ROOT/scripts/bench/minimal-leptos"
[[ -f "$MIN/Cargo.lock" ]] || cp "$ROOT/Cargo.lock" "$MIN/Cargo.lock"
if [[ ! -f "$MIN/target/site/pkg/minimal.wasm" || "${BENCH_REBUILD:-0}" == 1 ]]; then
  say "Building the minimal Leptos app (cargo leptos build --release --frontend-only)"
  # Without the site settings need_release exported for Skillmix's server: with them, the
  # minimal app's bundle would be written over Skillmix's, under Skillmix's name.
  (cd "$MIN" && env -u LEPTOS_SITE_ROOT -u LEPTOS_SITE_PKG_DIR -u LEPTOS_OUTPUT_NAME \
    cargo leptos build --release --frontend-only >&2)
fi

sizes() { # file -> "raw gzip" in bytes
  printf '%s %s' "$(wc -c <"$1")" "$(gzip -9 -c "$1" | wc -c)"
}
kib() { awk -v b="$1" 'BEGIN {printf "%.0f KiB", b / 1024}'; }
read -r app_raw app_gz <<<"$(sizes "$ROOT/target/site/pkg/skillmix.wasm")"
read -r min_raw min_gz <<<"$(sizes "$MIN/target/site/pkg/minimal.wasm")"
js_gz=$(gzip -9 -c "$ROOT/target/site/pkg/skillmix.js" | wc -c)
cat <<REPORT
Wasm bundle (cargo leptos build --release, wasm-release profile, wasm-opt)
                         raw            gzip -9
  skillmix.wasm          $(printf '%-14s %s' "$(kib "$app_raw")" "$(kib "$app_gz")")
  minimal islands app    $(printf '%-14s %s' "$(kib "$min_raw")" "$(kib "$min_gz")")
  Skillmix's own share   $(printf '%-14s %s' "$(kib $((app_raw - min_raw)))" "$(kib $((app_gz - min_gz)))")
  ratio                  $(awk -v a="$app_gz" -v m="$min_gz" 'BEGIN {printf "%.1f x the minimal app (gzip)", a / m}')
  skillmix.js            $(kib "$js_gz") gzip
REPORT
