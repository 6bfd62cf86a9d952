# Sourced by the scripts that start a built server outside cargo-leptos (end2end/start-server.sh,
# scripts/schemathesis.sh): exports the site's file names as [[workspace.metadata.leptos]] in
# Cargo.toml gives them, unless already set. cargo-leptos compiles them into the binary, but a
# plain `cargo build`/`cargo test` of the workspace rebuilds target/debug/skillmix without them
# (the server then calls get_configuration(None)), so setting them here makes a script
# independent of which of the two built the binary last. Needs ROOT, the repository root.
leptos_setting() {
  sed -n "/^\[\[workspace.metadata.leptos\]\]/,/^\[/s/^$1 *= *\"\(.*\)\"/\1/p" "$ROOT/Cargo.toml" | head -n 1
}
export LEPTOS_OUTPUT_NAME="${LEPTOS_OUTPUT_NAME:-$(leptos_setting output-name)}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$(leptos_setting site-root)}"
export LEPTOS_SITE_PKG_DIR="${LEPTOS_SITE_PKG_DIR:-$(leptos_setting site-pkg-dir)}"
