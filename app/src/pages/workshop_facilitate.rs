//! `/workshops/{id}/events/{event}/facilitate`: the running event on a projector or a second
//! screen. Large type, high contrast, no site header or footer (the page hides them), a way back.
//!
//! The timer's state lives on the server (stored after every button press, with the server's
//! clock), so the page works without JavaScript: each button is a POST and the page shows the
//! state as of loading it. With JavaScript the countdown ticks every second from the stored
//! state and the clock, and the space bar (start, pause, resume) and the right arrow (next item)
//! press the buttons.

use crate::components::forms::{action_error, ErrorSummary};
use crate::components::page::{param_id, Loaded};
use crate::server_fns::workshops::{facilitation, FacilitateData, PressTimer, ResetTimer};
use leptos::prelude::*;
use skillmix::workshop::timer::{format_clock, Millis, Pace, TimerStatus, TimerView};

#[component]
pub fn FacilitatePage() -> impl IntoView {
    let id = param_id("id");
    let event = param_id("event");
    let data = Resource::new(
        move || (id.get(), event.get()),
        |(id, event)| facilitation(id.unwrap_or_default(), event.unwrap_or_default()),
    );
    view! {
        <div class="facilitate">
            <Loaded resource=data render=move |data: FacilitateData| view! {
                <leptos_meta::Title text=format!("Facilitating: {}", data.event_title)/>
                <FacilitateIsland data/>
            }/>
        </div>
    }
}

/// The timer, its buttons and the run sheet: the page's island. Each press is sent from the page
/// and the stored state is read back, so the view follows without reloading.
#[island]
fn FacilitateIsland(data: FacilitateData) -> impl IntoView {
    let press = ServerAction::<PressTimer>::new();
    let reset = ServerAction::<ResetTimer>::new();
    let (programme_id, event_id) = (data.programme_id, data.event_id);
    let current = RwSignal::new(data);
    Effect::new(move |_| {
        if press.version().get() + reset.version().get() > 0 {
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = facilitation(programme_id, event_id).await {
                    current.set(fresh);
                }
            });
        }
    });
    move || view! { <Facilitate data=current.get() press reset/> }
}

/// The browser's clock in Unix milliseconds (the server's clock before hydration).
fn client_now(fallback: Millis) -> Millis {
    #[cfg(feature = "hydrate")]
    {
        let _ = fallback;
        web_sys::js_sys::Date::now() as Millis
    }
    #[cfg(not(feature = "hydrate"))]
    {
        fallback
    }
}

/// "14:05" in the programme's zone, given its offset from UTC in minutes.
fn clock_at(ms: Millis, utc_offset_minutes: i32) -> String {
    chrono::DateTime::from_timestamp_millis(ms + Millis::from(utc_offset_minutes) * 60_000)
        .map(|at| at.format("%H:%M").to_string())
        .unwrap_or_default()
}

#[component]
fn Facilitate(data: FacilitateData, press: ServerAction<PressTimer>, reset: ServerAction<ResetTimer>) -> impl IntoView {
    let press_error = action_error(press);
    let reset_error = action_error(reset);
    let error = Signal::derive(move || press_error.get().or(reset_error.get()));
    // A browser clock more than half a minute off the server's is corrected by the difference;
    // smaller differences are mostly the time the page took to load.
    let skew = data.server_now - client_now(data.server_now);
    let offset = if skew.abs() > 30_000 { skew } else { 0 };
    let (now, set_now) = signal(data.server_now);
    let (hydrated, set_hydrated) = signal(false);
    let programme_id = data.programme_id;
    let event_id = data.event_id;
    let status = data.timer.status();
    let may_run = data.may_run;
    Effect::new(move |_| {
        set_hydrated.set(true);
        set_now.set(client_now(0) + offset);
        if let Ok(handle) =
            set_interval_with_handle(move || set_now.set(client_now(0) + offset), std::time::Duration::from_secs(1))
        {
            on_cleanup(move || handle.clear());
        }
    });
    #[cfg(feature = "hydrate")]
    {
        let last_item = data.timer.current_index() + 1 >= data.timer.items().len();
        let handle = window_event_listener(leptos::ev::keydown, move |e: web_sys::KeyboardEvent| {
            use wasm_bindgen::JsCast;
            if !may_run || e.repeat() || e.ctrl_key() || e.meta_key() || e.alt_key() || press.pending().get_untracked()
            {
                return;
            }
            let in_control = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|el| matches!(el.tag_name().as_str(), "BUTTON" | "INPUT" | "SELECT" | "TEXTAREA" | "A"))
                .unwrap_or(false);
            if in_control {
                return;
            }
            let command = match e.key().as_str() {
                " " | "Spacebar" if status != TimerStatus::Finished => "toggle",
                "ArrowRight" if matches!(status, TimerStatus::Running | TimerStatus::Paused) => {
                    if last_item {
                        "finish"
                    } else {
                        "next"
                    }
                }
                _ => return,
            };
            e.prevent_default();
            press.dispatch(PressTimer { programme_id, event_id, command: command.to_string() });
        });
        on_cleanup(move || handle.remove());
    }
    let timer = data.timer.clone();
    let zone = data.utc_offset_minutes;
    let view_now = Memo::new(move |_| timer.view(now.get()));
    let back = format!("/workshops/{programme_id}/events/{event_id}");
    let items = data.timer.items().to_vec();
    let current_index = data.timer.current_index();
    let timer_for_actuals = data.timer.clone();
    let actuals = Memo::new(move |_| timer_for_actuals.actual_timings(now.get()));
    let last_item = current_index + 1 >= items.len();
    view! {
        <div class="facilitate__bar">
            <a href=back.clone() class="facilitate__back">"← Back to the agenda"</a>
            <span class="facilitate__context">{data.programme_title.clone()}</span>
            <span class="facilitate__now" aria-label="Time now">{move || clock_at(now.get(), zone)}</span>
        </div>
        <div class="facilitate__main">
            <ErrorSummary error/>
            <h1 class="facilitate__event">{data.event_title.clone()}</h1>
            <CurrentPanel view=view_now items=items.clone() status/>
            <Totals view=view_now utc_offset_minutes=zone planned_start=data.planned_start.clone()/>
            {may_run.then(|| view! {
                <div class="facilitate__controls">
                    {(status != TimerStatus::Finished).then(|| view! {
                        <ActionForm action=press attr:class="facilitate__buttons">
                            <input type="hidden" name="programme_id" value=programme_id/>
                            <input type="hidden" name="event_id" value=event_id/>
                            {match status {
                                TimerStatus::NotStarted => view! {
                                    <button type="submit" name="command" value="start" class="fbutton fbutton--go">"Start"</button>
                                }.into_any(),
                                TimerStatus::Running => view! {
                                    <button type="submit" name="command" value="pause" class="fbutton">"Pause"</button>
                                    <button type="submit" name="command" value="extend" class="fbutton">"+5 minutes"</button>
                                    <button type="submit" name="command" value=if last_item { "finish" } else { "next" } class="fbutton fbutton--go">{if last_item { "Finish event" } else { "Next item" }}</button>
                                    {(!last_item).then(|| view! { <button type="submit" name="command" value="finish" class="fbutton fbutton--quiet">"Finish event"</button> })}
                                }.into_any(),
                                _ => view! {
                                    <button type="submit" name="command" value="resume" class="fbutton fbutton--go">"Resume"</button>
                                    <button type="submit" name="command" value="extend" class="fbutton">"+5 minutes"</button>
                                    <button type="submit" name="command" value=if last_item { "finish" } else { "next" } class="fbutton">{if last_item { "Finish event" } else { "Next item" }}</button>
                                    {(!last_item).then(|| view! { <button type="submit" name="command" value="finish" class="fbutton fbutton--quiet">"Finish event"</button> })}
                                }.into_any(),
                            }}
                        </ActionForm>
                    })}
                    {(status == TimerStatus::Finished).then(|| view! {
                        <ActionForm action=reset attr:class="facilitate__buttons">
                            <input type="hidden" name="programme_id" value=programme_id/>
                            <input type="hidden" name="event_id" value=event_id/>
                            <button type="submit" class="fbutton">"Run it again"</button>
                        </ActionForm>
                    })}
                    {move || hydrated.get().then(|| view! {
                        <p class="facilitate__keys" id="keyboard-shortcuts">
                            "Keyboard shortcuts: "<kbd>"Space"</kbd>" starts, pauses or resumes; "<kbd>"→"</kbd>" moves to the next item. "
                            <button type="button" class="fbutton fbutton--quiet fbutton--small" on:click=move |_| full_screen()>"Full screen"</button>
                        </p>
                    })}
                </div>
            })}
            <RunSheet items actuals current=current_index status/>
            {(may_run && matches!(status, TimerStatus::Running | TimerStatus::Paused)).then(|| view! {
                <ActionForm action=reset attr:class="facilitate__reset">
                    <input type="hidden" name="programme_id" value=programme_id/>
                    <input type="hidden" name="event_id" value=event_id/>
                    <button type="submit" class="fbutton fbutton--quiet fbutton--small">"Reset timer"</button>
                    <span class="facilitate__hint">" Starts again from the first item. Actual minutes recorded so far are kept."</span>
                </ActionForm>
            })}
        </div>
    }
}

#[component]
fn CurrentPanel(
    view: Memo<TimerView>,
    items: Vec<skillmix::workshop::timer::TimerItem>,
    status: TimerStatus,
) -> impl IntoView {
    let first = items.first().map(|i| (i.title.clone(), i.planned_minutes));
    let count = items.len();
    move || {
        let v = view.get();
        match (status, v.current.clone()) {
            (TimerStatus::NotStarted, _) => view! {
                <section class="facilitate__current" aria-labelledby="facilitate-now">
                    <p class="facilitate__label" id="facilitate-now">"Ready to start"</p>
                    {match first.clone() {
                        Some((title, minutes)) => view! {
                            <p class="facilitate__title">{title}</p>
                            <p class="facilitate__of">{format!("First of {count} items · {minutes} minutes")}</p>
                        }.into_any(),
                        None => view! { <p class="facilitate__title">"The agenda is empty"</p> }.into_any(),
                    }}
                </section>
            }.into_any(),
            (TimerStatus::Finished, _) => view! {
                <section class="facilitate__current" aria-labelledby="facilitate-now">
                    <p class="facilitate__label" id="facilitate-now">"Finished"</p>
                    <p class="facilitate__title">"The event has finished"</p>
                    <p class="facilitate__of">{format!("It took {}. Actual timings are kept for planning the next run.", duration_text(v.elapsed_ms))}</p>
                </section>
            }.into_any(),
            (_, Some(current)) => {
                let over = current.is_over();
                let countdown = if over { format!("+{}", format_clock(-current.left_ms).trim_start_matches('-')) } else { format_clock(current.left_ms) };
                let paused = status == TimerStatus::Paused;
                let class = match (over, paused) {
                    (true, _) => "facilitate__countdown facilitate__countdown--over",
                    (false, true) => "facilitate__countdown facilitate__countdown--paused",
                    _ => "facilitate__countdown",
                };
                view! {
                    <section class=if current.is_break { "facilitate__current facilitate__current--break" } else { "facilitate__current" } aria-labelledby="facilitate-now">
                        <p class="facilitate__label" id="facilitate-now">
                            {format!("Now · item {} of {count}", current.index + 1)}
                            {(current.is_break && !current.title.to_lowercase().contains("break")).then_some(" · Break")}
                            {paused.then(|| view! { <strong class="facilitate__paused">" · Paused"</strong> })}
                        </p>
                        <p class="facilitate__title" aria-live="polite">{current.title.clone()}</p>
                        <p class=class role="timer" aria-label=if over { "Over time by" } else { "Time left" }>{countdown}</p>
                        <p class="facilitate__of">
                            {if over { "over time · ".to_string() } else { "left · ".to_string() }}
                            {format!("{} minutes allowed", current.allowed_minutes)}
                        </p>
                    </section>
                    <section class="facilitate__next" aria-labelledby="facilitate-next">
                        <h2 class="facilitate__label" id="facilitate-next">"Next"</h2>
                        {match v.next.clone() {
                            Some(next) => view! {
                                <p class="facilitate__next-title">{next.title.clone()}{(next.is_break && !next.title.to_lowercase().contains("break")).then_some(" (break)")}</p>
                                <p class="facilitate__of">{format!("{} minutes", next.minutes)}</p>
                            }.into_any(),
                            None => view! { <p class="facilitate__next-title">"Nothing: this is the last item"</p> }.into_any(),
                        }}
                    </section>
                }.into_any()
            }
            _ => ().into_any(),
        }
    }
}

#[component]
fn Totals(view: Memo<TimerView>, utc_offset_minutes: i32, planned_start: String) -> impl IntoView {
    move || {
        let v = view.get();
        match (v.planned_end_ms, v.projected_end_ms) {
            (Some(planned), Some(projected)) => {
                let pace_class = match v.pace {
                    Pace::Behind(_) => "facilitate__pace facilitate__pace--behind",
                    Pace::Ahead(_) => "facilitate__pace facilitate__pace--ahead",
                    Pace::OnTime => "facilitate__pace",
                };
                let finished = v.status == TimerStatus::Finished;
                view! {
                    <dl class="facilitate__totals">
                        <div><dt>{if finished { "Ran for" } else { "Running for" }}</dt><dd>{format_clock(v.elapsed_ms)}</dd></div>
                        <div><dt>"Planned end"</dt><dd>{clock_at(planned, utc_offset_minutes)}</dd></div>
                        <div><dt>{if finished { "Finished at" } else { "Expected end" }}</dt><dd>{clock_at(projected, utc_offset_minutes)}</dd></div>
                        <div><dt>"Against the plan"</dt><dd class=pace_class>{v.pace.describe()}</dd></div>
                    </dl>
                }
                .into_any()
            }
            _ => view! {
                <dl class="facilitate__totals">
                    <div><dt>"Planned start"</dt><dd>{planned_start.clone()}</dd></div>
                </dl>
            }
            .into_any(),
        }
    }
}

#[component]
fn RunSheet(
    items: Vec<skillmix::workshop::timer::TimerItem>,
    actuals: Memo<Vec<skillmix::workshop::timer::ActualTiming>>,
    current: usize,
    status: TimerStatus,
) -> impl IntoView {
    let active = matches!(status, TimerStatus::Running | TimerStatus::Paused);
    view! {
        <details class="facilitate__sheet">
            <summary>"Run sheet: planned and actual minutes"</summary>
            <table class="facilitate__table">
                <caption class="visually-hidden">"Run sheet"</caption>
                <thead><tr><th scope="col">"Item"</th><th scope="col">"Planned"</th><th scope="col">"Actual"</th></tr></thead>
                <tbody>
                    {items.into_iter().enumerate().map(|(index, item)| {
                        let here = active && index == current;
                        view! {
                            <tr class=if here { "is-current" } else { "" }>
                                <th scope="row">{item.title.clone()}{here.then(|| view! { <span class="visually-hidden">" (now)"</span> })}</th>
                                <td>{format!("{}{}", item.planned_minutes, if item.extra_minutes > 0 { format!(" + {}", item.extra_minutes) } else { String::new() })}</td>
                                <td>{move || actuals.with(|a| a.get(index).and_then(|t| t.used_minutes).map(|m| m.to_string()).unwrap_or_else(|| "–".into()))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

/// "8 seconds", "2 minutes", "1 hour 5 minutes".
fn duration_text(ms: Millis) -> String {
    let seconds = ms.max(0) / 1000;
    if seconds < 60 {
        format!("{seconds} second{}", if seconds == 1 { "" } else { "s" })
    } else {
        crate::server_fns::workshops::minutes_text(((seconds + 30) / 60) as u32)
    }
}

fn full_screen() {
    #[cfg(feature = "hydrate")]
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.request_fullscreen();
    }
}
