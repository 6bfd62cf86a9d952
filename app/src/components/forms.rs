//! Form controls following the GOV.UK patterns users know: labels above inputs, hints, an error
//! summary at the top linking to each field, and the message repeated beside the field.
//!
//! Every form posts to a server function and works without JavaScript: errors then come back in
//! the redirect URL and are shown the same way.

use crate::error::AppError;
use leptos::prelude::*;

/// The error of a server action's last submission, as a signal. Without JavaScript the error
/// comes from the redirect URL, which `ServerAction::new` reads on the server.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    Signal::derive(move || action.value().with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned())))
}

/// The message for one field, if the error names it.
pub fn field_message(error: Signal<Option<AppError>>, field: String) -> Signal<Option<String>> {
    Signal::derive(move || {
        error.with(|e| e.as_ref().and_then(|e| e.field_errors()).and_then(|f| f.for_field(&field)).map(str::to_string))
    })
}

/// What the form showed last time for a field: the value submitted with a failed submission,
/// otherwise `saved` (the stored value, or the default).
pub fn shown_value(error: Signal<Option<AppError>>, field: &str, saved: String) -> String {
    error.with_untracked(|e| e.as_ref().and_then(|e| e.submitted(field)).map(str::to_string)).unwrap_or(saved)
}

/// "There is a problem" with a link to each field in error. Focus moves to the summary: on a page
/// loaded with the error (a form posted and came back) by `autofocus`, and in an island when an
/// error appears after a submission from the page.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if error.with(Option::is_some) {
            request_animation_frame(move || {
                // The page may have re-rendered (and dropped the summary) before the frame.
                if let Some(Some(element)) = summary.try_get_untracked() {
                    let _ = element.focus();
                }
            });
        }
    });
    move || {
        error.get().map(|error| {
            let items: Vec<(Option<String>, String)> = match &error {
                AppError::Validation(fields) => {
                    fields.0.iter().map(|f| (Some(f.field.clone()), f.message.clone())).collect()
                }
                other => vec![(None, other.to_string())],
            };
            view! {
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus node_ref=summary>
                    <h2 class="error-summary__title" id="error-summary-title">"There is a problem"</h2>
                    <ul class="error-summary__list">
                        {items
                            .into_iter()
                            .map(|(field, message)| match field {
                                Some(field) => view! { <li><a href=format!("#{field}")>{message}</a></li> }.into_any(),
                                None => view! { <li>{message}</li> }.into_any(),
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The message shown above an input in error.
#[component]
fn FieldMessage(id: String, #[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <p class="error-message" id=format!("{id}-error")>
                    <span class="visually-hidden">"Error: "</span>
                    {m}
                </p>
            }
        })
    }
}

fn described_by(id: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{id}-hint"));
    }
    if has_error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A labelled text input. `name` is what the server function receives; `id` defaults to it and
/// is what the error summary links to.
#[component]
pub fn TextField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into, optional)] hint: Option<String>,
    #[prop(into, optional)] value: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(into, optional)] id: Option<String>,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] width: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| name.clone());
    let message = field_message(error, id.clone());
    let has_hint = hint.is_some();
    let hint_id = format!("{id}-hint");
    let group_class = move || if message.get().is_some() { "form-group form-group--error" } else { "form-group" };
    let input_class = format!("input {}", width.unwrap_or(""));
    let value = if input_type == Some("password") { String::new() } else { shown_value(error, &name, value) };
    let id_for_described = id.clone();
    view! {
        <div class=group_class>
            <label class="label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="hint" id=hint_id>{h}</div> })}
            <FieldMessage id=id.clone() message=message/>
            <input
                class=input_class
                id=id
                name=name
                type=input_type.unwrap_or("text")
                value=value
                autocomplete=autocomplete
                required=required
                aria-describedby=move || described_by(&id_for_described, has_hint, message.get().is_some())
            />
        </div>
    }
}

/// A labelled multi-line text input.
#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into, optional)] hint: Option<String>,
    #[prop(into, optional)] value: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] rows: Option<u32>,
) -> impl IntoView {
    let id = name.clone();
    let message = field_message(error, id.clone());
    let has_hint = hint.is_some();
    let hint_id = format!("{id}-hint");
    let group_class = move || if message.get().is_some() { "form-group form-group--error" } else { "form-group" };
    let id_for_described = id.clone();
    let value = shown_value(error, &name, value);
    view! {
        <div class=group_class>
            <label class="label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="hint" id=hint_id>{h}</div> })}
            <FieldMessage id=id.clone() message=message/>
            <textarea
                class="textarea"
                id=id
                name=name
                rows=rows.unwrap_or(4)
                aria-describedby=move || described_by(&id_for_described, has_hint, message.get().is_some())
            >
                {value}
            </textarea>
        </div>
    }
}

/// One choice of a select: value, label, and an optional group (rendered as `<optgroup>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub group: Option<String>,
}

impl Choice {
    pub fn new(value: impl ToString, label: impl Into<String>) -> Choice {
        Choice { value: value.to_string(), label: label.into(), group: None }
    }

    pub fn in_group(mut self, group: impl Into<String>) -> Choice {
        self.group = Some(group.into());
        self
    }
}

/// A labelled select. Choices with a group are put in `<optgroup>`s in order of first appearance.
#[component]
pub fn SelectField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into, optional)] hint: Option<String>,
    choices: Vec<Choice>,
    #[prop(into, optional)] selected: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(into, optional)] id: Option<String>,
    /// Text of an empty first option ("Select a role level"), if the field may be left empty.
    #[prop(into, optional)]
    empty: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| name.clone());
    let message = field_message(error, id.clone());
    let has_hint = hint.is_some();
    let hint_id = format!("{id}-hint");
    let group_class = move || if message.get().is_some() { "form-group form-group--error" } else { "form-group" };
    let id_for_described = id.clone();
    let selected = shown_value(error, &name, selected);
    view! {
        <div class=group_class>
            <label class="label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="hint" id=hint_id>{h}</div> })}
            <FieldMessage id=id.clone() message=message/>
            <select
                class="select"
                id=id
                name=name
                aria-describedby=move || described_by(&id_for_described, has_hint, message.get().is_some())
            >
                {empty.map(|text| view! { <option value="">{text}</option> })}
                {options(choices, selected)}
            </select>
        </div>
    }
}

/// `<option>`s, grouped into `<optgroup>`s where choices name a group.
pub fn options(choices: Vec<Choice>, selected: String) -> impl IntoView {
    let mut groups: Vec<(Option<String>, Vec<Choice>)> = Vec::new();
    for choice in choices {
        match groups.iter_mut().find(|(g, _)| *g == choice.group) {
            Some((_, list)) => list.push(choice),
            None => groups.push((choice.group.clone(), vec![choice])),
        }
    }
    groups
        .into_iter()
        .map(|(group, list)| {
            let options = list
                .into_iter()
                .map(|c| {
                    let is_selected = c.value == selected;
                    view! { <option value=c.value selected=is_selected>{c.label}</option> }
                })
                .collect_view();
            match group {
                Some(label) => view! { <optgroup label=label>{options}</optgroup> }.into_any(),
                None => options.into_any(),
            }
        })
        .collect_view()
}

/// A yes/no confirmation for deletions: nothing happens unless "Yes" is chosen.
#[component]
pub fn ConfirmRadios(#[prop(into)] legend: String, #[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let message = field_message(error, "confirm".to_string());
    let group_class = move || if message.get().is_some() { "form-group form-group--error" } else { "form-group" };
    view! {
        <div class=group_class>
            <fieldset class="fieldset" aria-describedby=move || message.get().map(|_| "confirm-error")>
                <legend class="fieldset__legend">{legend}</legend>
                <FieldMessage id="confirm".to_string() message=message/>
                <div class="radios radios--inline">
                    <div class="radios__item">
                        <input class="radios__input" id="confirm" name="confirm" type="radio" value="yes"/>
                        <label class="label radios__label" for="confirm">"Yes"</label>
                    </div>
                    <div class="radios__item">
                        <input class="radios__input" id="confirm-no" name="confirm" type="radio" value="no"/>
                        <label class="label radios__label" for="confirm-no">"No"</label>
                    </div>
                </div>
            </fieldset>
        </div>
    }
}
