//! An event of a programme: `/workshops/{id}/events/new`, `.../{event}` (the agenda editor:
//! timed items from the method library or the lead's own, breaks, move up and down with small
//! POST forms, overrun warning, last run's actual minutes), `.../{event}/edit`, `.../delete`,
//! `.../items/{item}` (edit an item), `.../attendance` (the register) and `.../agenda`
//! (printable, `?view=facilitator|participant`).

use crate::components::forms::{action_error, Choice, ConfirmRadios, ErrorSummary, SelectField, TextArea, TextField};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{param_id, ErrorPage, Loaded, PageTitle};
use crate::error::AppError;
use crate::server_fns::workshops::{
    attendance_form, event_form, event_page, item_form, minutes_text, AddCustomItem, AddLibraryItem, AgendaLine,
    AttendanceData, CopyEvent, CreateEvent, DeleteEvent, DeleteItem, EventFormData, EventPageData, ItemFormData,
    MethodChoice, MoveItem, PlanFromLastRun, SaveAttendance, UpdateEvent, UpdateItem,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use skillmix::Id;

fn trail(programme_id: Id, programme_title: &str) -> Vec<(String, String)> {
    vec![("Workshops".into(), "/workshops".into()), (programme_title.to_string(), format!("/workshops/{programme_id}"))]
}

fn event_trail(programme_id: Id, programme_title: &str, event_id: Id, event_title: &str) -> Vec<(String, String)> {
    let mut out = trail(programme_id, programme_title);
    out.push((event_title.to_string(), format!("/workshops/{programme_id}/events/{event_id}")));
    out
}

fn method_choices(methods: &[MethodChoice]) -> Vec<Choice> {
    methods
        .iter()
        .map(|m| Choice::new(m.id, format!("{} ({})", m.name, minutes_text(m.minutes))).in_group(m.category.clone()))
        .collect()
}

#[component]
pub fn NewEventPage() -> impl IntoView {
    let id = param_id("id");
    let action = ServerAction::<CreateEvent>::new();
    let error = action_error(action);
    let data = Resource::new(move || id.get(), |id| event_form(id.unwrap_or_default(), None));
    view! {
        <Loaded resource=data render=move |data: EventFormData| view! {
            <Breadcrumbs trail=trail(data.programme_id, &data.programme_title)/>
            <ErrorSummary error/>
            <PageTitle text="Add an event" caption=data.programme_title.clone()/>
            <ActionForm action=action>
                <input type="hidden" name="programme_id" value=data.programme_id/>
                <EventFields data error/>
                <button type="submit" class="button">"Add event"</button>
            </ActionForm>
        }/>
    }
}

#[component]
pub fn EditEventPage() -> impl IntoView {
    let id = param_id("id");
    let event = param_id("event");
    let action = ServerAction::<UpdateEvent>::new();
    let error = action_error(action);
    let data = Resource::new(
        move || (id.get(), event.get()),
        |(id, event)| event_form(id.unwrap_or_default(), Some(event.unwrap_or_default())),
    );
    view! {
        <Loaded resource=data render=move |data: EventFormData| {
            let event = data.event.clone();
            let event_id = event.as_ref().and_then(|e| e.id).unwrap_or_default();
            let title = event.as_ref().map(|e| e.title.clone()).unwrap_or_default();
            view! {
                <Breadcrumbs trail=event_trail(data.programme_id, &data.programme_title, event_id, &title)/>
                <ErrorSummary error/>
                <PageTitle text="Edit event details" caption=title.clone()/>
                <ActionForm action=action>
                    <input type="hidden" name="programme_id" value=data.programme_id/>
                    <input type="hidden" name="event_id" value=event_id/>
                    <EventFields data=data.clone() error/>
                    <div class="button-group">
                        <button type="submit" class="button">"Save changes"</button>
                        <A href=format!("/workshops/{}/events/{event_id}", data.programme_id) attr:class="link">"Cancel"</A>
                    </div>
                </ActionForm>
            }
        }/>
    }
}

#[component]
fn EventFields(data: EventFormData, error: Signal<Option<AppError>>) -> impl IntoView {
    let e = data.event.clone();
    let text = |f: &dyn Fn(&skillmix::workshop::Event) -> String, default: &str| {
        e.as_ref().map(f).unwrap_or_else(|| default.to_string())
    };
    view! {
        <TextField name="title" label="Event title" hint="For example: Session 1: why and how we prototype" value=text(&|e| e.title.clone(), "") error width="input--two-thirds"/>
        <TextField name="date" label="Date" input_type="date" value=text(&|e| e.date.to_string(), &data.suggested_date) error width="input--width-10"/>
        <TextField
            name="start_time"
            label="Start time"
            hint=format!("24-hour clock, in {}", data.time_zone)
            input_type="time"
            value=text(&|e| e.start_time.format("%H:%M").to_string(), "09:30")
            error
            width="input--width-10"
        />
        <TextField
            name="duration_minutes"
            label="Length in minutes"
            hint="The booked slot. The agenda's total is checked against it."
            input_type="number"
            value=text(&|e| e.duration_minutes.to_string(), "180")
            error
            width="input--width-3"
        />
        <TextField name="place" label="Place (optional)" hint="A room or address for people attending in person." value=text(&|e| e.place.clone().unwrap_or_default(), "") error width="input--two-thirds"/>
        <TextField name="online_link" label="Online link (optional)" hint="A video-call link starting with https://" input_type="url" value=text(&|e| e.online_link.clone().unwrap_or_default(), "") error width="input--two-thirds"/>
        <TextField name="capacity" label="Capacity (optional)" hint="The most people who can attend. Leave empty for no limit." input_type="number" value=text(&|e| e.capacity.map(|c| c.to_string()).unwrap_or_default(), "") error width="input--width-3"/>
    }
}

#[component]
pub fn DeleteEventPage() -> impl IntoView {
    let id = param_id("id");
    let event = param_id("event");
    let action = ServerAction::<DeleteEvent>::new();
    let error = action_error(action);
    let data = Resource::new(
        move || (id.get(), event.get()),
        |(id, event)| event_page(id.unwrap_or_default(), event.unwrap_or_default()),
    );
    view! {
        <Loaded resource=data render=move |page: EventPageData| {
            if !page.may_edit {
                return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
            }
            let event_id = page.event.id.unwrap_or_default();
            view! {
                <Breadcrumbs trail=event_trail(page.programme_id, &page.programme_title, event_id, &page.event.title)/>
                <ErrorSummary error/>
                <PageTitle text=format!("Delete {}?", page.event.title)/>
                <p class="body">"The event is deleted with its agenda and attendance. Actions and outcomes stay with the programme."</p>
                <ActionForm action=action>
                    <input type="hidden" name="programme_id" value=page.programme_id/>
                    <input type="hidden" name="event_id" value=event_id/>
                    <ConfirmRadios legend="Are you sure you want to delete this event?" error/>
                    <div class="button-group">
                        <button type="submit" class="button button--warning">"Delete event"</button>
                        <A href=format!("/workshops/{}/events/{event_id}", page.programme_id) attr:class="link">"Cancel"</A>
                    </div>
                </ActionForm>
            }
            .into_any()
        }/>
    }
}

#[derive(Clone, Copy)]
struct AgendaActions {
    add_method: ServerAction<AddLibraryItem>,
    add_custom: ServerAction<AddCustomItem>,
    delete: ServerAction<DeleteItem>,
    moved: ServerAction<MoveItem>,
    from_last_run: ServerAction<PlanFromLastRun>,
    copy: ServerAction<CopyEvent>,
}

impl AgendaActions {
    fn versions(self) -> usize {
        self.add_method.version().get()
            + self.add_custom.version().get()
            + self.delete.version().get()
            + self.moved.version().get()
            + self.from_last_run.version().get()
    }
}

/// The agenda editor.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let id = param_id("id");
    let event = param_id("event");
    let actions = AgendaActions {
        add_method: ServerAction::new(),
        add_custom: ServerAction::new(),
        delete: ServerAction::new(),
        moved: ServerAction::new(),
        from_last_run: ServerAction::new(),
        copy: ServerAction::new(),
    };
    let data = Resource::new(
        move || (id.get(), event.get(), actions.versions()),
        |(id, event, _)| event_page(id.unwrap_or_default(), event.unwrap_or_default()),
    );
    view! { <Loaded resource=data render=move |page: EventPageData| view! { <AgendaView page actions/> }/> }
}

#[component]
fn AgendaView(page: EventPageData, actions: AgendaActions) -> impl IntoView {
    let errors = [
        action_error(actions.add_method),
        action_error(actions.add_custom),
        action_error(actions.delete),
        action_error(actions.moved),
        action_error(actions.from_last_run),
        action_error(actions.copy),
    ];
    let error = Signal::derive(move || errors.iter().find_map(|e| e.get()));
    let pid = page.programme_id;
    let event = page.event.clone();
    let eid = event.id.unwrap_or_default();
    let base = format!("/workshops/{pid}/events/{eid}");
    let may_edit = page.may_edit;
    let count = page.items.len();
    let totals = format!("{} of {}", minutes_text(page.agenda_minutes), minutes_text(page.event_minutes));
    let fit = if page.overrun_warning.is_some() {
        None
    } else if page.spare_minutes > 0 {
        Some(format!("{} spare. The agenda ends at {}.", minutes_text(page.spare_minutes), page.agenda_end))
    } else {
        Some(format!("The agenda fills the event exactly, ending at {}.", page.agenda_end))
    };
    view! {
        <Breadcrumbs trail=trail(pid, &page.programme_title)/>
        <ErrorSummary error/>
        <PageTitle text=event.title.clone() caption="Agenda"/>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">"When"</dt>
                <dd class="summary-list__value">{page.date.clone()}", "{page.time.clone()}</dd>
            </div>
            {event.place.clone().map(|p| view! {
                <div class="summary-list__row"><dt class="summary-list__key">"Place"</dt><dd class="summary-list__value">{p}</dd></div>
            })}
            {event.online_link.clone().map(|l| view! {
                <div class="summary-list__row"><dt class="summary-list__key">"Online"</dt><dd class="summary-list__value"><a href=l.clone()>{l.clone()}</a></dd></div>
            })}
            <div class="summary-list__row">
                <dt class="summary-list__key">"Capacity"</dt>
                <dd class="summary-list__value">{event.capacity.map(|c| format!("{c} people")).unwrap_or_else(|| "No limit".into())}</dd>
            </div>
        </dl>
        <div class="button-group no-print">
            <A href=format!("{base}/facilitate") attr:class="button">"Facilitate this event"</A>
            <A href=format!("{base}/agenda?view=facilitator") attr:class="button button--secondary">"Facilitator agenda to print"</A>
            <A href=format!("{base}/agenda?view=participant") attr:class="button button--secondary">"Participant agenda to print"</A>
            <A href=format!("{base}/attendance") attr:class="button button--secondary">"Record attendance"</A>
        </div>
        <div class=if page.overrun_warning.is_some() { "agenda-total agenda-total--over" } else { "agenda-total" } id="agenda-total">
            <p class="agenda-total__figure"><strong>"Total: "</strong>{totals}</p>
            {page.overrun_warning.clone().map(|w| view! {
                <p class="warning-text" role="alert"><span class="warning-text__icon" aria-hidden="true">"!"</span><span class="visually-hidden">"Warning: "</span>{w}</p>
            })}
            {fit.map(|f| view! { <p class="body">{f}</p> })}
            {page.notices.iter().map(|n| view! { <p class="hint">{n.clone()}</p> }).collect_view()}
        </div>
        {if count == 0 {
            view! { <p class="body">"The agenda is empty. Add items from the method library or your own below."</p> }.into_any()
        } else {
            view! { <AgendaTable page=page.clone() actions/> }.into_any()
        }}
        {page.last_run.map(|(took, planned)| view! {
            <div class="inset no-print">
                <p class="body">
                    {format!("When this agenda last ran, the items that ran took {} against {} planned. ", minutes_text(took), minutes_text(planned))}
                    "The “Last run” column shows each item's actual minutes."
                </p>
                {may_edit.then(|| view! {
                    <ActionForm action=actions.from_last_run attr:class="inline-form">
                        <input type="hidden" name="programme_id" value=pid/>
                        <input type="hidden" name="event_id" value=eid/>
                        <button type="submit" class="button button--secondary">"Plan with last run's timings"</button>
                    </ActionForm>
                })}
            </div>
        })}
        {may_edit.then(|| view! { <AddItemForms page=page.clone() actions/> })}
        {may_edit.then(|| view! {
            <h2 class="heading-m no-print">"This event"</h2>
            <div class="button-group no-print">
                <A href=format!("{base}/edit") attr:class="button button--secondary">"Edit event details"</A>
                <A href=format!("{base}/delete") attr:class="button button--warning">"Delete event"</A>
            </div>
            <ActionForm action=actions.copy attr:class="panel ws-form no-print">
                <h3 class="heading-s">"Copy this event"</h3>
                <p class="body">"Makes another event of this programme with the same agenda, place and capacity on the date you choose."</p>
                <input type="hidden" name="programme_id" value=pid/>
                <input type="hidden" name="event_id" value=eid/>
                <TextField id="copy_date" name="date" label="Date of the copy" input_type="date" value=(event.date + chrono::Days::new(7)).to_string() error=action_error(actions.copy) width="input--width-10"/>
                <button type="submit" class="button button--secondary">"Copy event"</button>
            </ActionForm>
        })}
    }
}

#[component]
fn AgendaTable(page: EventPageData, actions: AgendaActions) -> impl IntoView {
    let pid = page.programme_id;
    let eid = page.event.id.unwrap_or_default();
    let may_edit = page.may_edit;
    let last = page.items.len().saturating_sub(1);
    view! {
        <table class="table agenda">
            <caption class="table__caption">"Agenda"</caption>
            <thead>
                <tr>
                    <th scope="col">"Time"</th>
                    <th scope="col">"Item"</th>
                    <th scope="col" class="numeric">"Minutes"</th>
                    <th scope="col" class="numeric">"Last run"</th>
                    <th scope="col">"Facilitator"</th>
                    {may_edit.then(|| view! {
                        <th scope="col" class="no-print">"Order"</th>
                        <th scope="col" class="no-print"><span class="visually-hidden">"Change"</span></th>
                    })}
                </tr>
            </thead>
            <tbody>
                {page.items.into_iter().enumerate().map(|(index, item)| {
                    let up_label = format!("Move {} up", item.title);
                    let down_label = format!("Move {} down", item.title);
                    let edit_label = format!(" {}", item.title);
                    let delete_label = format!(" {}", item.title);
                    let edit_href = format!("/workshops/{pid}/events/{eid}/items/{}", item.id);
                    let row_class = if item.is_break { "agenda__item agenda__item--break" } else { "agenda__item" };
                    view! {
                        <tr class=row_class id=format!("item-{}", item.id)>
                            <td class="agenda__time">{item.start.clone()}"–"{item.end.clone()}{item.day_note.clone().map(|n| view! { <div class="hint">{n}</div> })}</td>
                            <th scope="row">
                                {item.title.clone()}
                                {(item.is_break && !item.title.to_lowercase().contains("break")).then(|| view! { <strong class="tag tag--grey">"Break"</strong> })}
                                {item.method.clone().filter(|m| *m != item.title).map(|m| view! { <div class="hint">{format!("Method: {m}")}</div> })}
                                {(!item.materials.is_empty()).then(|| view! { <div class="hint">{format!("Materials: {}", item.materials)}</div> })}
                                {(!item.notes.is_empty()).then(|| view! { <div class="hint">{format!("Notes: {}", item.notes)}</div> })}
                            </th>
                            <td class="numeric">{item.minutes}</td>
                            <td class="numeric">{last_run_text(&item)}</td>
                            <td>{item.facilitator.clone().unwrap_or_default()}</td>
                            {may_edit.then(|| view! {
                                <td class="no-print">
                                    <ActionForm action=actions.moved attr:class="move-form">
                                        <input type="hidden" name="programme_id" value=pid/>
                                        <input type="hidden" name="event_id" value=eid/>
                                        <input type="hidden" name="item_id" value=item.id/>
                                        {(index > 0).then(|| view! {
                                            <button type="submit" name="direction" value="up" class="button button--secondary button--small" aria-label=up_label.clone()>
                                                "Up"
                                            </button>
                                        })}
                                        {(index < last).then(|| view! {
                                            <button type="submit" name="direction" value="down" class="button button--secondary button--small" aria-label=down_label.clone()>
                                                "Down"
                                            </button>
                                        })}
                                    </ActionForm>
                                </td>
                                <td class="no-print">
                                    <A href=edit_href.clone()>
                                        "Edit"<span class="visually-hidden">{edit_label.clone()}</span>
                                    </A>
                                    <ActionForm action=actions.delete attr:class="inline-form">
                                        <input type="hidden" name="programme_id" value=pid/>
                                        <input type="hidden" name="event_id" value=eid/>
                                        <input type="hidden" name="item_id" value=item.id/>
                                        <button type="submit" class="button button--link">
                                            "Delete"<span class="visually-hidden">{delete_label.clone()}</span>
                                        </button>
                                    </ActionForm>
                                </td>
                            })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn last_run_text(item: &AgendaLine) -> String {
    match item.last_actual_minutes {
        Some(actual) if actual > item.minutes => format!("{actual} (+{})", actual - item.minutes),
        Some(actual) if actual < item.minutes => format!("{actual} (−{})", item.minutes - actual),
        Some(actual) => actual.to_string(),
        None => "–".into(),
    }
}

#[component]
fn AddItemForms(page: EventPageData, actions: AgendaActions) -> impl IntoView {
    let pid = page.programme_id;
    let eid = page.event.id.unwrap_or_default();
    let method_error = action_error(actions.add_method);
    let custom_error = action_error(actions.add_custom);
    view! {
        <div class="grid-row no-print">
            <ActionForm action=actions.add_method attr:class="panel ws-form column-half">
                <h2 class="heading-s">"Add from the method library"</h2>
                <p class="hint">"The item gets the method's usual length; change it afterwards if you need to. "<A href="/workshops/methods">"Browse the library"</A></p>
                <input type="hidden" name="programme_id" value=pid/>
                <input type="hidden" name="event_id" value=eid/>
                <SelectField name="method_id" label="Method" choices=method_choices(&page.methods) empty="Select a method" error=method_error/>
                <button type="submit" class="button button--secondary">"Add to agenda"</button>
            </ActionForm>
            <ActionForm action=actions.add_custom attr:class="panel ws-form column-half">
                <h2 class="heading-s">"Add your own item or a break"</h2>
                <input type="hidden" name="programme_id" value=pid/>
                <input type="hidden" name="event_id" value=eid/>
                <TextField name="title" label="Item title" error=custom_error/>
                <TextField name="minutes" label="Minutes" input_type="number" value="15" error=custom_error width="input--width-3"/>
                <div class="checkboxes__item form-group">
                    <input class="checkboxes__input" type="checkbox" id="is_break" name="is_break" value="yes"/>
                    <label class="label checkboxes__label" for="is_break">"This is a break"</label>
                </div>
                <button type="submit" class="button button--secondary">"Add item"</button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn EditItemPage() -> impl IntoView {
    let id = param_id("id");
    let event = param_id("event");
    let item = param_id("item");
    let action = ServerAction::<UpdateItem>::new();
    let error = action_error(action);
    let data = Resource::new(
        move || (id.get(), event.get(), item.get()),
        |(id, event, item)| item_form(id.unwrap_or_default(), event.unwrap_or_default(), item.unwrap_or_default()),
    );
    view! {
        <Loaded resource=data render=move |data: ItemFormData| {
            let item = data.item.clone();
            let facilitators: Vec<Choice> = data.facilitators.iter().map(|(id, name)| Choice::new(id, name.clone())).collect();
            view! {
                <Breadcrumbs trail=event_trail(data.programme_id, &data.programme_title, data.event_id, &data.event_title)/>
                <ErrorSummary error/>
                <PageTitle text="Edit agenda item" caption=data.event_title.clone()/>
                <ActionForm action=action>
                    <input type="hidden" name="programme_id" value=data.programme_id/>
                    <input type="hidden" name="event_id" value=data.event_id/>
                    <input type="hidden" name="item_id" value=item.id/>
                    <TextField name="title" label="Title" value=item.title.clone() error width="input--two-thirds"/>
                    <SelectField
                        name="method_id"
                        label="Method"
                        choices=method_choices(&data.methods)
                        selected=data.method_id.map(|m| m.to_string()).unwrap_or_default()
                        empty="No method"
                        error
                    />
                    <TextField
                        name="minutes"
                        label="Minutes"
                        hint=item.last_actual_minutes.map(|m| format!("Last run it took {m} minutes.")).unwrap_or_default()
                        input_type="number"
                        value=item.minutes.to_string()
                        error
                        width="input--width-3"
                    />
                    <SelectField
                        name="facilitator_id"
                        label="Facilitator"
                        choices=facilitators
                        selected=data.facilitator_id.map(|m| m.to_string()).unwrap_or_default()
                        empty="Nobody in particular"
                        error
                    />
                    <TextArea name="materials" label="Materials" hint="What to prepare or bring." value=item.materials.clone() error rows=3/>
                    <TextArea name="notes" label="Facilitator notes" hint="Shown on the facilitator agenda only." value=item.notes.clone() error rows=4/>
                    <div class="checkboxes__item form-group">
                        <input class="checkboxes__input" type="checkbox" id="is_break" name="is_break" value="yes" checked=item.is_break/>
                        <label class="label checkboxes__label" for="is_break">"This is a break"</label>
                    </div>
                    <div class="button-group">
                        <button type="submit" class="button">"Save item"</button>
                        <A href=format!("/workshops/{}/events/{}", data.programme_id, data.event_id) attr:class="link">"Cancel"</A>
                    </div>
                </ActionForm>
            }
        }/>
    }
}

#[component]
pub fn AttendancePage() -> impl IntoView {
    let id = param_id("id");
    let event = param_id("event");
    let action = ServerAction::<SaveAttendance>::new();
    let error = action_error(action);
    let data = Resource::new(
        move || (id.get(), event.get()),
        |(id, event)| attendance_form(id.unwrap_or_default(), event.unwrap_or_default()),
    );
    view! {
        <Loaded resource=data render=move |data: AttendanceData| {
            let others: Vec<Choice> = data.others.iter().map(|(id, name)| Choice::new(id, name.clone())).collect();
            view! {
                <Breadcrumbs trail=event_trail(data.programme_id, &data.programme_title, data.event_id, &data.event_title)/>
                <ErrorSummary error/>
                <PageTitle text="Record attendance" caption=format!("{} · {}", data.event_title, data.date)/>
                {if data.register.is_empty() && data.others.is_empty() {
                    view! { <p class="body">"Nobody is invited yet. Invite people from the programme page first."</p> }.into_any()
                } else if !data.may_edit {
                    view! { <Register rows=data.register.clone() editable=false/> }.into_any()
                } else {
                    view! {
                        <ActionForm action=action>
                            <input type="hidden" name="programme_id" value=data.programme_id/>
                            <input type="hidden" name="event_id" value=data.event_id/>
                            <Register rows=data.register.clone() editable=true/>
                            {(!others.is_empty()).then(|| view! {
                                <SelectField
                                    name="add_person_id"
                                    label="Someone else came (optional)"
                                    hint="They are recorded as attended."
                                    choices=others.clone()
                                    empty="Nobody else"
                                    error
                                />
                            })}
                            <button type="submit" class="button">"Save attendance"</button>
                        </ActionForm>
                    }.into_any()
                }}
            }
        }/>
    }
}

#[component]
fn Register(rows: Vec<crate::server_fns::workshops::RegisterRow>, editable: bool) -> impl IntoView {
    view! {
        <table class="table register">
            <caption class="table__caption">"Register"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Invited as"</th>
                    <th scope="col">"Attended"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let input_id = format!("present-{}", r.person_id);
                    view! {
                        <tr>
                            <th scope="row">{if editable { view! { <label for=input_id.clone()>{r.name.clone()}</label> }.into_any() } else { view! { <span>{r.name.clone()}</span> }.into_any() }}</th>
                            <td>{r.role.clone()}</td>
                            <td>
                                {if editable {
                                    view! {
                                        <input type="hidden" name=format!("listed[{}]", r.person_id) value="1"/>
                                        <input class="checkboxes__input" type="checkbox" id=input_id name=format!("present[{}]", r.person_id) value="yes" checked=r.attended == Some(true)/>
                                    }.into_any()
                                } else {
                                    view! { <span>{match r.attended { Some(true) => "Yes", Some(false) => "No", None => "Not recorded" }}</span> }.into_any()
                                }}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// `/workshops/{id}/events/{event}/agenda?view=facilitator|participant`: the printable agenda,
/// with facilitator notes and materials, or without them for participants.
#[component]
pub fn PrintAgendaPage() -> impl IntoView {
    let id = param_id("id");
    let event = param_id("event");
    let params = use_query_map();
    let facilitator = Memo::new(move |_| params.read().get("view").as_deref() != Some("participant"));
    let data = Resource::new(
        move || (id.get(), event.get()),
        |(id, event)| event_page(id.unwrap_or_default(), event.unwrap_or_default()),
    );
    view! {
        <Loaded resource=data render=move |page: EventPageData| view! { <PrintAgenda page facilitator=facilitator.get()/> }/>
    }
}

#[component]
fn PrintAgenda(page: EventPageData, facilitator: bool) -> impl IntoView {
    let pid = page.programme_id;
    let event = page.event.clone();
    let eid = event.id.unwrap_or_default();
    let base = format!("/workshops/{pid}/events/{eid}/agenda");
    let kind = if facilitator { "Facilitator agenda" } else { "Participant agenda" };
    view! {
        <div class="agenda-print">
            <div class="no-print">
                <Breadcrumbs trail=event_trail(pid, &page.programme_title, eid, &event.title)/>
            </div>
            <span class="caption-l">{page.programme_title.clone()}</span>
            <leptos_meta::Title text=format!("{kind}: {}", event.title)/>
            <h1 class="heading-l">{event.title.clone()}</h1>
            <p class="agenda-print__kind">{kind}</p>
            <div class="no-print print-controls">
                <p class="body">
                    {if facilitator {
                        view! { "With facilitator notes and materials. " <A href=format!("{base}?view=participant")>"Participant agenda (without notes)"</A> }.into_any()
                    } else {
                        view! { "Without facilitator notes. " <A href=format!("{base}?view=facilitator")>"Facilitator agenda (with notes and materials)"</A> }.into_any()
                    }}
                </p>
                <PrintControl/>
            </div>
            <dl class="summary-list">
                <div class="summary-list__row"><dt class="summary-list__key">"When"</dt><dd class="summary-list__value">{page.date.clone()}", "{page.time.clone()}</dd></div>
                {event.place.clone().map(|p| view! { <div class="summary-list__row"><dt class="summary-list__key">"Where"</dt><dd class="summary-list__value">{p}</dd></div> })}
                {event.online_link.clone().map(|l| view! { <div class="summary-list__row"><dt class="summary-list__key">"Online"</dt><dd class="summary-list__value">{l}</dd></div> })}
                {facilitator.then(|| view! {
                    <div class="summary-list__row"><dt class="summary-list__key">"Total"</dt><dd class="summary-list__value">{format!("{} of {}", minutes_text(page.agenda_minutes), minutes_text(page.event_minutes))}{page.overrun_warning.clone().map(|w| view! { <strong class="warning-text">{w}</strong> })}</dd></div>
                })}
            </dl>
            {(!facilitator && !page.objectives.is_empty()).then(|| view! {
                <h2 class="heading-s">"By the end of the programme you will be able to"</h2>
                <ul class="list list--bullet">{page.objectives.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}</ul>
            })}
            <table class="table agenda agenda--print">
                <caption class="visually-hidden">{kind}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Time"</th>
                        <th scope="col">"Item"</th>
                        <th scope="col" class="numeric">"Minutes"</th>
                        {facilitator.then(|| view! {
                            <th scope="col">"Facilitator"</th>
                            <th scope="col">"Materials"</th>
                            <th scope="col">"Notes"</th>
                        })}
                    </tr>
                </thead>
                <tbody>
                    {page.items.iter().map(|item| view! {
                        <tr class=if item.is_break { "agenda__item agenda__item--break" } else { "agenda__item" }>
                            <td class="agenda__time">{item.start.clone()}"–"{item.end.clone()}</td>
                            <th scope="row">
                                {item.title.clone()}
                                {(!facilitator).then(|| item.facilitator.clone().map(|f| view! { <div class="hint">{format!("With {f}")}</div> }))}
                                {facilitator.then(|| item.method.clone().filter(|m| *m != item.title).map(|m| view! { <div class="hint">{format!("Method: {m}")}</div> }))}
                            </th>
                            <td class="numeric">{item.minutes}</td>
                            {facilitator.then(|| view! {
                                <td>{item.facilitator.clone().unwrap_or_default()}</td>
                                <td class="pre-line">{item.materials.clone()}</td>
                                <td class="pre-line">{item.notes.clone()}</td>
                            })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// How to print: a "Print this agenda" button once the page runs JavaScript, otherwise the
/// browser's own command.
#[island]
fn PrintControl() -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    move || {
        if hydrated.get() {
            view! { <button type="button" class="button" on:click=move |_| print_page()>"Print this agenda"</button> }
                .into_any()
        } else {
            view! { <p class="hint">"Print with your browser's print command (Ctrl+P, or ⌘P on a Mac). It fits on A4."</p> }
                .into_any()
        }
    }
}

fn print_page() {
    #[cfg(feature = "hydrate")]
    let _ = window().print();
}
