//! cargo-leptos needs a server binary in the project; the benchmark builds the front end only
//! (`cargo leptos build --release --frontend-only`), so this one does nothing.

fn main() {}
