//! The smallest Leptos 0.8 app built as Skillmix is: leptos with `islands`, leptos_router and
//! leptos_meta, one route with a title, and one island (a counter). The floor of
//! scripts/bench/wasm-size.sh.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Counter"/>
        <Router>
            <main>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=|| view! { <h1>"Counter"</h1> <Counter/> }/>
                </Routes>
            </main>
        </Router>
    }
}

#[island]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <button on:click=move |_| set_count.update(|n| *n += 1)>"Add one"</button>
        <p>"Count: " {count}</p>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
