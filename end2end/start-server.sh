#!/usr/bin/env bash
# Starts a throw-away Skillmix for the Playwright suite (see playwright.config.ts):
# a fresh SQLite database in a new temporary folder, the demo organisation loaded into it with
# a fixed password for the demo sign-ins, served on 127.0.0.1:3100 by the debug build.
# The server runs from the repository root, where it finds Cargo.toml and target/site.
# The temporary folder is removed when the server stops.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/target/debug/skillmix"
ADDR="${SKILLMIX_E2E_ADDR:-127.0.0.1:3100}"
: "${SKILLMIX_DEMO_PASSWORD:?set SKILLMIX_DEMO_PASSWORD (playwright.config.ts does)}"
export SKILLMIX_DEMO_PASSWORD

if [[ ! -x "$BIN" ]]; then
  echo "start-server.sh: $BIN is missing: run 'cargo leptos build' (or 'make build-debug') first" >&2
  exit 1
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/skillmix-e2e.XXXXXX")"
server=""
cleanup() {
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# The names of the site's files, from Cargo.toml.
source "$ROOT/scripts/leptos-site-env.sh"
if [[ -z "$LEPTOS_OUTPUT_NAME" || ! -f "$ROOT/$LEPTOS_SITE_ROOT/$LEPTOS_SITE_PKG_DIR/$LEPTOS_OUTPUT_NAME.js" ]]; then
  echo "start-server.sh: no $LEPTOS_SITE_ROOT/$LEPTOS_SITE_PKG_DIR/$LEPTOS_OUTPUT_NAME.js: run 'cargo leptos build' first" >&2
  exit 1
fi

cd "$ROOT"
echo "start-server.sh: database in $TMP, serving on http://$ADDR"
# Single sign-on against the test OpenID provider (end2end/oidc/provider.mjs, which
# playwright.config.ts starts first on 127.0.0.1:3101). Password sign-in stays on: the other
# specs use it. The client secret goes through the environment only, as in production.
OIDC_ISSUER="${SKILLMIX_E2E_OIDC_ISSUER:-http://127.0.0.1:3101}"
export SKILLMIX_OIDC_CLIENT_SECRET="${SKILLMIX_OIDC_CLIENT_SECRET:-e2e-only-oidc-client-secret-3101}"
./target/debug/skillmix --database "sqlite://$TMP/e2e.db" serve --demo --addr "$ADDR" \
  --oidc-issuer "$OIDC_ISSUER" --oidc-client-id skillmix-e2e &
server=$!
wait "$server"
