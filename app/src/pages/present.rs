//! `/org/present?slide=N`: the capability picture as full-screen slides for a meeting with
//! senior staff. Arrow keys move between slides when JavaScript is on (the one island here); the
//! Previous and Next links work without it. Printing gives one slide per landscape page, so the browser's print
//! to PDF makes a deck.

use crate::components::page::Loaded;
use crate::components::rollup::{RollupKey, RollupTable};
use crate::pages::org::{Headline, Risks};
use crate::server_fns::org::{load_org, OrgData, OrgQuery};
use leptos::prelude::*;
use leptos_meta::{Body, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The slides, in order.
const SLIDES: [&str; 3] = ["Capability at a glance", "Teams against their required levels", "Risks"];

#[component]
pub fn PresentPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| OrgQuery::from_params(&params.read()));
    let slide = Memo::new(move |_| {
        params.read().get("slide").and_then(|s| s.parse::<usize>().ok()).unwrap_or(1).clamp(1, SLIDES.len())
    });
    let data = Resource::new(move || query.get(), load_org);
    view! {
        <Body attr:class="presenting"/>
        <Loaded resource=data render=move |data: OrgData| view! { <Slides data query=query.get_untracked() current=slide/> }/>
    }
}

fn slide_href(query: &OrgQuery, slide: usize) -> String {
    let settings = query.to_query();
    if settings.is_empty() {
        format!("/org/present?slide={slide}")
    } else {
        format!("/org/present?{settings}&slide={slide}")
    }
}

/// Left and right arrows (and Page Up/Down and Space, as presentation clickers send; Home and
/// End) load the slide they lead to. The only part of the deck that runs in the browser.
#[island]
fn SlideKeys(previous: Option<String>, next: Option<String>, first: String, last: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::keydown, move |event| {
            let target = match event.key().as_str() {
                "ArrowRight" | "PageDown" | " " => next.as_deref(),
                "ArrowLeft" | "PageUp" => previous.as_deref(),
                "Home" => Some(first.as_str()),
                "End" => Some(last.as_str()),
                _ => None,
            };
            if let Some(href) = target {
                event.prevent_default();
                let _ = window().location().set_href(href);
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (previous, next, first, last);
}

#[component]
fn Slides(data: OrgData, query: OrgQuery, current: Memo<usize>) -> impl IntoView {
    let Some(rollup) = data.rollup.clone() else {
        return view! { <p class="body">"No framework version is loaded yet."</p> }.into_any();
    };
    let k = data.min_group;
    let total = SLIDES.len();
    let nav_query = query.clone();
    view! {
        <Title text=move || format!("Slide {} of {total}: {}", current.get(), SLIDES[current.get() - 1])/>
        <div class="deck">
            <section class="slide" class:slide--hidden=move || current.get() != 1 aria-labelledby="slide-1">
                <h1 class="slide__title" id="slide-1">{SLIDES[0]}</h1>
                <Headline rollup=rollup.clone() data=data.clone()/>
                <p class="slide__note">{format!("Groups smaller than {k} people are hidden. Figures are for the framework version the most teams use.")}</p>
            </section>
            <section class="slide" class:slide--hidden=move || current.get() != 2 aria-labelledby="slide-2">
                <h1 class="slide__title" id="slide-2">{SLIDES[1]}</h1>
                <RollupTable
                    caption="Teams by skill: share meeting the required level"
                    row_header="Team"
                    columns=rollup.columns.clone()
                    rows=rollup.teams.iter().map(|r| (r.label.clone(), r.cells.clone())).collect()
                    totals=rollup.totals.clone()
                    min_group=k
                />
                <RollupKey min_group=k trend=rollup.earlier.is_some()/>
            </section>
            <section class="slide" class:slide--hidden=move || current.get() != 3 aria-labelledby="slide-3">
                <h1 class="slide__title" id="slide-3">{SLIDES[2]}</h1>
                <Risks rollup=rollup.clone() data=data.clone()/>
            </section>
            <nav class="deck__nav" aria-label="Slides">
                {move || {
                    let now = current.get();
                    let q = nav_query.clone();
                    view! {
                        <span class="deck__position" aria-live="polite">{format!("Slide {now} of {total}")}</span>
                        {(now > 1).then(|| view! { <A href=slide_href(&q, now - 1) attr:class="deck__link" attr:rel="prev">"← Previous"</A> })}
                        {(now < total).then(|| view! { <A href=slide_href(&q, now + 1) attr:class="deck__link" attr:rel="next">"Next →"</A> })}
                        <A href=format!("/org?{}", q.to_query()) attr:class="deck__link">"Leave presentation"</A>
                        <span class="deck__hint">"Arrow keys move between slides. Print for one slide per page."</span>
                        <SlideKeys
                            previous=(now > 1).then(|| slide_href(&q, now - 1))
                            next=(now < total).then(|| slide_href(&q, now + 1))
                            first=slide_href(&q, 1)
                            last=slide_href(&q, total)
                        />
                    }
                }}
            </nav>
        </div>
    }
    .into_any()
}
