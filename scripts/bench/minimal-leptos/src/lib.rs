//! A counter: the smallest hydrated Leptos 0.8 app, the baseline of scripts/bench/wasm-size.sh.

use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <main>
            <h1>"Counter"</h1>
            <button on:click=move |_| set_count.update(|n| *n += 1)>"Add one"</button>
            <p>"Count: " {count}</p>
        </main>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
