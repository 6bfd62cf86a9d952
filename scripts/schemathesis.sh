#!/usr/bin/env bash
# Fuzzes the JSON API against its own OpenAPI document (`make api-check`): schemathesis
# (pinned in scripts/schemathesis/requirements.txt, installed into target/schemathesis-venv)
# sends requests generated from GET /api/v1/openapi.json to a throw-away debug server with the
# demo organisation, as an administrator with an API token, and fails on any 5xx answer, any
# status, content type or body the document does not describe.
#
# The server is target/debug/skillmix (built here with `cargo build -p server` when missing),
# on a fresh SQLite database in a temporary folder, at 127.0.0.1:3130 (SKILLMIX_API_CHECK_ADDR
# to move it). SCHEMATHESIS_MAX_EXAMPLES (default 20) bounds the cases per operation; the run
# takes about two minutes on 2 cores. Reports (JUnit, and a pytest file that replays failures)
# go to target/schemathesis-report.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="$ROOT/target/debug/skillmix"
ADDR="${SKILLMIX_API_CHECK_ADDR:-127.0.0.1:3130}"
VENV="$ROOT/target/schemathesis-venv"
REQUIREMENTS="$ROOT/scripts/schemathesis/requirements.txt"
REPORT="$ROOT/target/schemathesis-report"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-20}"
ADMIN_EMAIL="admin@example.gov.uk"

# The fuzzer, once (again when the requirements change).
if [[ ! -x "$VENV/bin/schemathesis" || "$REQUIREMENTS" -nt "$VENV/.installed" ]]; then
  echo "schemathesis.sh: installing schemathesis into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --requirement "$REQUIREMENTS"
  touch "$VENV/.installed"
fi

if [[ ! -x "$BIN" ]]; then
  cargo build -p server --bin skillmix
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/skillmix-api-check.XXXXXX")"
DB="sqlite://$TMP/api-check.db"
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

# The site's file names: the API does not need the site, but the server reads its
# configuration at start.
source "$ROOT/scripts/leptos-site-env.sh"
# The demo sign-ins' password: never used here (the run signs in with a token), but fixed so
# that none is generated and printed.
export SKILLMIX_DEMO_PASSWORD="${SKILLMIX_DEMO_PASSWORD:-api-check-Demo-password-3130}"

echo "schemathesis.sh: database in $TMP, serving on http://$ADDR"
"$BIN" --database "$DB" serve --demo --addr "$ADDR" >"$TMP/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://$ADDR/healthz" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$TMP/server.log" >&2
    echo "schemathesis.sh: the server stopped before answering" >&2
    exit 1
  fi
  sleep 0.5
done
curl -fsS "http://$ADDR/healthz" >/dev/null

TOKEN="$("$BIN" --database "$DB" token create --email "$ADMIN_EMAIL" | tail -n 1)"
if [[ -z "$TOKEN" ]]; then
  echo "schemathesis.sh: no token was created for $ADMIN_EMAIL" >&2
  exit 1
fi

mkdir -p "$REPORT"
status=0
# One worker: with two, Python 3.11's ast.parse (which hypothesis calls to describe its filters)
# sometimes fails with "AST constructor recursion depth mismatch" (a CPython bug with threads).
"$VENV/bin/schemathesis" run "http://$ADDR/api/v1/openapi.json" \
  --url "http://$ADDR/api/v1" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --phases examples,coverage,fuzzing \
  --mode all \
  --generation-database none \
  --max-examples "$MAX_EXAMPLES" \
  --seed 3130 \
  --workers 1 \
  --request-timeout 60 \
  --suppress-health-check too_slow \
  --report junit,pytest \
  --report-dir "$REPORT" \
  --no-color \
  || status=$?
if [[ "$status" != 0 ]]; then
  echo "schemathesis.sh: failed; the server's log:" >&2
  grep -E "ERROR|panicked" "$TMP/server.log" | tail -n 40 >&2 || true
fi
exit "$status"
